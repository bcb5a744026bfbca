package org.tapservice.api.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** DALI examples: an XHTML+RDFa page of queries that run on the published tables. */
@RestController
public class ExamplesController {

    private static final Resource EXAMPLES = new ClassPathResource("tap/examples.xhtml");

    @GetMapping("/examples")
    public ResponseEntity<Resource> examples() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XHTML_XML).body(EXAMPLES);
    }
}
