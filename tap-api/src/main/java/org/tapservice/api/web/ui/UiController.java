package org.tapservice.api.web.ui;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.config.TapProperties;
import org.tapservice.api.config.UiProperties;
import org.tapservice.api.security.SecurityProperties;
import org.tapservice.api.web.RequestParameters;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * The web page: its entry points and the few settings it cannot learn from the TAP and VOSI
 * resources it otherwise uses. The page's files themselves are static resources of the jar
 * ({@code static/ui}, built from {@code src/main/ui} by the Maven build).
 */
@RestController
public class UiController {

    private static final String PATH = "/ui/";
    private static final Resource PAGE = new ClassPathResource("static/ui/index.html");

    private final UiProperties ui;
    private final TapProperties.Service service;
    private final Optional<OidcSignIn> oidc;

    public UiController(UiProperties ui, TapProperties tap, SecurityProperties security) {
        this.ui = requireNonNull(ui, "ui is null");
        this.service = requireNonNull(tap, "tap is null").service();
        this.oidc = OidcSignIn.of(ui, requireNonNull(security, "security is null"));
    }

    /** A person who opens the service's base URL in a browser meets the page. */
    @GetMapping({"/", "/ui"})
    public ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(RequestParameters.baseUrl() + PATH)).build();
    }

    @GetMapping(PATH)
    public ResponseEntity<Resource> page() {
        if (!PAGE.exists()) {
            throw new TapException(ErrorKind.NOT_FOUND, "this build of the service has no web page "
                    + "(it was built with -Dui.skip); TAP clients work as usual");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
    }

    /**
     * What the page needs to know besides TAP and VOSI: the sky survey to draw on, how users
     * sign in (for OIDC, at which provider and as which client), and who the caller is (so the
     * page can tell that a sign-in worked).
     */
    @GetMapping(value = PATH + "config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PageConfig> config(HttpServletRequest request) {
        Optional<String> user = Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName)
                .filter(name -> !name.isBlank());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new PageConfig(service.title(),
                ui.hips().map(URI::toString).orElse(null), ui.signIn().value(), oidc.orElse(null), user.orElse(null)));
    }

    /** The page's settings as JSON; null where there is nothing (no survey, no OIDC sign-in, no signed-in user). */
    public record PageConfig(String title, String hipsUrl, String signIn, OidcSignIn oidc, String user) {
    }
}
