package org.tapservice.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.api.RunningService;

/**
 * The service with authentication on, as a site that takes both HTTP Basic users and bearer
 * tokens of its identity provider configures it; anonymous callers keep public access.
 * Requests are sent as a given caller, with no redirect followed.
 */
abstract class SecuredService extends RunningService {

    static final IdentityProvider PROVIDER = new IdentityProvider();
    static final String ALICE_PASSWORD = "alice's password";
    static final String CAROL_PASSWORD = "carol's password";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::close));
    }

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("tap.security.mode", () -> "basic,jwt");
        registry.add("tap.security.jwt.jwks-url", PROVIDER::jwksUrl);
        registry.add("tap.security.jwt.issuer", PROVIDER::issuer);
        registry.add("tap.security.jwt.audience", () -> IdentityProvider.AUDIENCE);
        registry.add("tap.security.basic.users[0].name", () -> "alice");
        registry.add("tap.security.basic.users[0].password", () -> "{noop}" + ALICE_PASSWORD);
        registry.add("tap.security.basic.users[0].roles", () -> "astronomer");
        registry.add("tap.security.basic.users[1].name", () -> "carol");
        // the lowest bcrypt cost: the test checks the format, not the hashing time
        registry.add("tap.security.basic.users[1].password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(CAROL_PASSWORD));
    }

    /** Who sends a request: the value of its Authorization header, or nothing. */
    record As(Optional<String> authorization) {

        static final As ANONYMOUS = new As(Optional.empty());

        static As bearer(String token) {
            return new As(Optional.of("Bearer " + token));
        }

        static As basic(String user, String password) {
            return new As(Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(UTF_8))));
        }

        static As user(String name) {
            return bearer(PROVIDER.token(name));
        }
    }

    HttpResponse<String> get(As caller, String path) throws IOException, InterruptedException {
        return send(caller, "GET", path);
    }

    HttpResponse<String> post(As caller, String path, String... namesAndValues) throws IOException, InterruptedException {
        return send(caller, "POST", path, namesAndValues);
    }

    HttpResponse<String> send(As caller, String method, String path, String... namesAndValues)
            throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(URLEncoder.encode(namesAndValues[i], UTF_8) + "=" + URLEncoder.encode(namesAndValues[i + 1], UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, pairs.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        caller.authorization().ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a job as this caller and answers its id. */
    String createJob(As caller, String... namesAndValues) throws IOException, InterruptedException {
        HttpResponse<String> created = post(caller, "/async", namesAndValues);
        if (created.statusCode() != 303) {
            throw new AssertionError("creation answered " + created.statusCode() + ": " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
