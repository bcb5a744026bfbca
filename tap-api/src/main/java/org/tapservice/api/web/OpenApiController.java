package org.tapservice.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 description of the service's HTTP interface: a document maintained by hand
 * (openapi/openapi.yaml), with the base URL of the request as its server, in YAML or JSON.
 */
@RestController
public class OpenApiController {

    /** Where the maintained document is, on the class path. */
    public static final String DOCUMENT = "openapi/openapi.yaml";
    private static final String BASE_URL_PLACEHOLDER = "SERVICE_BASE_URL";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final String document;
    private final JsonMapper json;

    public OpenApiController(JsonMapper json) {
        this.json = json;
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + DOCUMENT + " is missing", e);
        }
    }

    @GetMapping("/openapi.yaml")
    public ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(YAML).body(forThisRequest());
    }

    @GetMapping("/openapi.json")
    public ResponseEntity<String> json() {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(forThisRequest());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(tree));
    }

    private String forThisRequest() {
        return document.replace(BASE_URL_PLACEHOLDER, RequestParameters.baseUrl());
    }
}
