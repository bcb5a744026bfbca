package org.tapservice.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider for the tests, on a port of this JVM: its issuer identifier is its
 * own address. It signs tokens with an RSA key made for the test run and serves what a real
 * provider serves:
 * <ul>
 * <li>the JWK Set ({@code /jwks}), counting the fetches, so tests can show the keys are cached;</li>
 * <li>the discovery document ({@code /.well-known/openid-configuration});</li>
 * <li>the authorization endpoint of the code flow with PKCE (RFC 7636, S256 only): a form asking
 * for a user name (and, so that tests can see tokens expire, the token lifetime and whether the
 * token response states it), then a redirect
 * back to the client's registered redirect URI with a one-time code;</li>
 * <li>the token endpoint for public clients: the code exchanged once, by its client, with the
 * verifier whose hash the authorization request carried, for an access token for the service
 * (audience {@value #AUDIENCE}) and an ID token for the client;</li>
 * <li>UserInfo, where the profile claims are, as OpenID Connect Core 5.4 puts them when an access
 * token is issued (the ID token names the subject only).</li>
 * </ul>
 * The endpoints a browser calls from another origin answer with CORS headers, as providers
 * that serve single-page applications do. Tokens can also be made directly, good, expired or
 * forged (signed by another key under the provider's key id).
 */
public final class IdentityProvider implements AutoCloseable {

    public static final String AUDIENCE = "tap";

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    private final RSAKey key;
    private final RSAKey forger;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger fetches = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    /** Registered clients: client id to its one redirect URI. */
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    /** Codes given out and not yet exchanged. */
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** What an authorization code stands for, until it is exchanged. */
    private record Grant(String clientId, String redirectUri, String codeChallenge, String nonce, String user,
                         String scope, Duration lifetime, boolean statesLifetime, Instant expiry) {
    }

    public IdentityProvider() {
        try {
            String keyId = UUID.randomUUID().toString();
            key = new RSAKeyGenerator(2048).keyID(keyId).generate();
            forger = new RSAKeyGenerator(2048).keyID(keyId).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(UTF_8);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            send(exchange, 200, "application/jwk-set+json", jwks);
        });
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/userinfo", this::userInfo);
        server.setExecutor(threads);
        server.start();
    }

    /** The issuer identifier: this provider's address, as tokens carry it in {@code iss}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** Registers a public client (no secret) with the one URI the provider sends its users back to. */
    public void register(String clientId, String redirectUri) {
        clients.put(clientId, redirectUri);
    }

    /** The public key, as a site that configures the key instead of the URL gives it. */
    RSAKey publicKey() {
        return key.toPublicJWK();
    }

    int jwksFetches() {
        return fetches.get();
    }

    /** A good token for this user: right issuer and audience, valid for an hour. */
    public String token(String user, String... roles) {
        return sign(key, claims(user, Instant.now().plus(Duration.ofHours(1)))
                .claim("roles", List.of(roles)).build());
    }

    /** A token that expired ten minutes ago, beyond any clock skew allowed. */
    public String expiredToken(String user) {
        return sign(key, claims(user, Instant.now().minus(Duration.ofMinutes(10))).build());
    }

    /** A token in every way good but signed by someone else's key under the provider's key id. */
    public String forgedToken(String user) {
        return sign(forger, claims(user, Instant.now().plus(Duration.ofHours(1))).build());
    }

    String tokenWith(String user, Map<String, Object> changedClaims) {
        JWTClaimsSet.Builder claims = claims(user, Instant.now().plus(Duration.ofHours(1)));
        changedClaims.forEach(claims::claim);
        return sign(key, claims.build());
    }

    private JWTClaimsSet.Builder claims(String user, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(user)
                .issueTime(Date.from(expiry.minus(Duration.ofHours(1)))).expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(RSAKey signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer());
        metadata.put("authorization_endpoint", issuer() + "/authorize");
        metadata.put("token_endpoint", issuer() + "/token");
        metadata.put("userinfo_endpoint", issuer() + "/userinfo");
        metadata.put("jwks_uri", jwksUrl());
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("grant_types_supported", List.of("authorization_code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("scopes_supported", List.of("openid", "profile"));
        metadata.put("claims_supported", List.of("sub", "preferred_username", "name"));
        metadata.put("authorization_response_iss_parameter_supported", true);
        json(exchange, 200, metadata);
    }

    /**
     * GET shows the sign-in form for a valid request; POST (the form) gives the code. A client or
     * redirect URI that is not registered gets an error page, never a redirect (RFC 6749 4.1.2.1):
     * otherwise the provider would send codes wherever a link told it to.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request = "POST".equals(exchange.getRequestMethod())
                ? form(new String(exchange.getRequestBody().readAllBytes(), UTF_8))
                : form(exchange.getRequestURI().getRawQuery());
        String clientId = request.getOrDefault("client_id", "");
        String redirectUri = request.getOrDefault("redirect_uri", "");
        if (!redirectUri.equals(clients.get(clientId))) {
            send(exchange, 400, "text/html; charset=utf-8", page("Unknown client",
                    "<p>The client " + escape(clientId) + " is not registered with the redirect URI "
                            + escape(redirectUri) + ".</p>").getBytes(UTF_8));
            return;
        }
        String state = request.get("state");
        Optional<String> fault = !"code".equals(request.get("response_type")) ? Optional.of("unsupported_response_type")
                : !"S256".equals(request.get("code_challenge_method")) || request.get("code_challenge") == null
                        ? Optional.of("invalid_request")
                        : !List.of(request.getOrDefault("scope", "").split(" ")).contains("openid")
                                ? Optional.of("invalid_scope") : Optional.empty();
        if (fault.isPresent()) {
            redirect(exchange, redirectUri, "error", fault.get(), "error_description",
                    "this provider takes the code flow with PKCE (S256) and the openid scope", "state", state);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 200, "text/html; charset=utf-8", signInForm(request).getBytes(UTF_8));
            return;
        }
        String user = request.getOrDefault("username", "").strip();
        if (user.isEmpty()) {
            send(exchange, 200, "text/html; charset=utf-8", signInForm(request).getBytes(UTF_8));
            return;
        }
        String code = randomText();
        Duration lifetime = Duration.ofSeconds(Long.parseLong(request.getOrDefault("lifetime", "3600")));
        codes.put(code, new Grant(clientId, redirectUri, request.get("code_challenge"), request.get("nonce"), user,
                request.get("scope"), lifetime, request.containsKey("expires_in"), Instant.now().plus(CODE_LIFETIME)));
        redirect(exchange, redirectUri, "code", code, "state", state, "iss", issuer());
    }

    private static String signInForm(Map<String, String> request) {
        String hidden = request.entrySet().stream()
                .filter(parameter -> !List.of("username", "lifetime", "expires_in").contains(parameter.getKey()))
                .map(parameter -> "<input type=\"hidden\" name=\"" + escape(parameter.getKey()) + "\" value=\""
                        + escape(parameter.getValue()) + "\">")
                .collect(Collectors.joining("\n"));
        return page("Sign in", "<form method=\"post\" action=\"/authorize\">\n" + hidden
                + "\n<label>User name <input name=\"username\" autocomplete=\"username\" required></label>"
                + "\n<label>Token lifetime (s) <input name=\"lifetime\" type=\"number\" value=\"3600\" min=\"1\"></label>"
                + "\n<label><input name=\"expires_in\" type=\"checkbox\" value=\"stated\" checked> state the lifetime"
                + " in the token response (expires_in is only recommended)</label>"
                + "\n<button type=\"submit\">Sign in</button>\n</form>");
    }

    /** The code exchange of a public client: the code once, by its client and redirect URI, with the PKCE verifier. */
    private void token(HttpExchange exchange) throws IOException {
        if (preflight(exchange)) {
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            tokenError(exchange, 405, "invalid_request", "the token endpoint takes POST");
            return;
        }
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
        if (!"authorization_code".equals(request.get("grant_type"))) {
            tokenError(exchange, 400, "unsupported_grant_type", "only authorization_code is granted here");
            return;
        }
        // removed at first use, so that a code intercepted after its use is worth nothing
        Grant grant = codes.remove(request.getOrDefault("code", ""));
        String verifier = request.getOrDefault("code_verifier", "");
        if (grant == null || grant.expiry().isBefore(Instant.now())) {
            tokenError(exchange, 400, "invalid_grant", "the code is unknown, used or expired");
        } else if (!grant.clientId().equals(request.get("client_id"))
                || !grant.redirectUri().equals(request.get("redirect_uri"))) {
            tokenError(exchange, 400, "invalid_grant", "the code was given to another client or redirect URI");
        } else if (!VERIFIER.matcher(verifier).matches() || !challenge(verifier).equals(grant.codeChallenge())) {
            tokenError(exchange, 400, "invalid_grant", "the code_verifier does not match the code_challenge");
        } else {
            json(exchange, 200, tokens(grant));
        }
    }

    private Map<String, Object> tokens(Grant grant) {
        Instant now = Instant.now();
        Instant expiry = now.plus(grant.lifetime());
        String access = sign(key, new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE)
                .subject(grant.user()).claim("client_id", grant.clientId()).claim("scope", grant.scope())
                .issueTime(Date.from(now)).expirationTime(Date.from(expiry)).jwtID(randomText()).build());
        JWTClaimsSet.Builder identity = new JWTClaimsSet.Builder().issuer(issuer()).audience(grant.clientId())
                .subject(grant.user()).issueTime(Date.from(now)).expirationTime(Date.from(expiry))
                .claim("auth_time", now.getEpochSecond());
        if (grant.nonce() != null) {
            identity.claim("nonce", grant.nonce());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", access);
        response.put("token_type", "Bearer");
        if (grant.statesLifetime()) {
            response.put("expires_in", grant.lifetime().toSeconds());
        }
        response.put("scope", grant.scope());
        response.put("id_token", sign(key, identity.build()));
        return response;
    }

    /** The profile claims of the user an access token of this provider names. */
    private void userInfo(HttpExchange exchange) throws IOException {
        if (preflight(exchange)) {
            return;
        }
        String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        Optional<JWTClaimsSet> claims = authorization.startsWith("Bearer ")
                ? verified(authorization.substring("Bearer ".length())) : Optional.empty();
        if (claims.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            tokenError(exchange, 401, "invalid_token", "no valid access token of this provider");
            return;
        }
        String user = claims.get().getSubject();
        json(exchange, 200, Map.of("sub", user, "preferred_username", user,
                "name", Character.toUpperCase(user.charAt(0)) + user.substring(1)));
    }

    private Optional<JWTClaimsSet> verified(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = jwt.verify(new RSASSAVerifier(key)) && issuer().equals(claims.getIssuer())
                    && claims.getExpirationTime().toInstant().isAfter(Instant.now());
            return valid ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Answers a CORS preflight (the browser asks before sending an Authorization header across origins). */
    private static boolean preflight(HttpExchange exchange) throws IOException {
        if (!"OPTIONS".equals(exchange.getRequestMethod())) {
            return false;
        }
        allowOrigin(exchange);
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, DPoP");
        exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        return true;
    }

    private static void allowOrigin(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void tokenError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        json(exchange, status, Map.of("error", error, "error_description", description));
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, status, "application/json", JSONObjectUtils.toJSONString(body).getBytes(UTF_8));
    }

    /** A redirect back to the client with these parameters (those without a value left out). */
    private static void redirect(HttpExchange exchange, String target, String... namesAndValues) throws IOException {
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.add(URLEncoder.encode(namesAndValues[i], UTF_8) + "=" + URLEncoder.encode(namesAndValues[i + 1], UTF_8));
            }
        }
        exchange.getResponseHeaders().add("Location", target + (target.contains("?") ? "&" : "?") + query);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        allowOrigin(exchange);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " - test identity provider</title></head><body><h1>" + title + "</h1>\n" + body + "\n</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
