package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tapservice.api.RunningService;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document and the endpoints agree: every path and method the running service maps
 * is described, and nothing described is missing from the service.
 */
class OpenApiDocumentTest extends RunningService {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** "METHOD /path" for every endpoint of this service's controllers (Spring's own, /error, left out). */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.tapservice")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            assertThat(methods).as("%s maps every HTTP method; name the ones it answers", handler).isNotEmpty();
            for (String path : info.getPatternValues()) {
                methods.forEach(method -> endpoints.add(method + " " + path));
            }
        });
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String body) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(body);
    }

    @SuppressWarnings("unchecked")
    private Set<String> documented(Map<String, Object> document) {
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(OPERATIONS::contains)
                .forEach(operation -> documented.add(operation.toUpperCase(Locale.ROOT) + " " + path)));
        return documented;
    }

    @Test
    void everyEndpointOfTheServiceIsInTheDocumentAndEveryPathOfTheDocumentIsAnEndpoint() throws Exception {
        Set<String> endpoints = endpoints();
        Set<String> documented = documented(document(get("/openapi.yaml").body()));

        Set<String> undocumented = new TreeSet<>(endpoints);
        undocumented.removeAll(documented);
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(endpoints);
        assertThat(undocumented).as("endpoints the OpenAPI document lacks: add each under paths: in "
                + "tap-api/src/main/resources/" + OpenApiController.DOCUMENT).isEmpty();
        assertThat(missing).as("operations the OpenAPI document describes but the service does not have: "
                + "remove them from tap-api/src/main/resources/" + OpenApiController.DOCUMENT).isEmpty();
        assertThat(endpoints).contains("GET /sync", "POST /async", "GET /links", "GET /scs/{table}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentIsOpenApi31WithTheServiceAsServerAndEveryOperationAnswers() throws Exception {
        HttpResponse<String> yaml = get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        Map<String, Object> document = document(yaml.body());

        assertThat(document.get("openapi")).isEqualTo("3.1.0");
        assertThat((Iterable<Map<String, Object>>) document.get("servers"))
                .singleElement().satisfies(server -> assertThat(server.get("url")).isEqualTo(baseUrl()));
        Set<String> operationIds = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((key, value) -> {
            if (OPERATIONS.contains(key)) {
                Map<String, Object> operation = (Map<String, Object>) value;
                assertThat(operation).as("%s %s", key, path).containsKey("responses");
                assertThat(operationIds.add((String) operation.get("operationId")))
                        .as("operationId of %s %s is unique", key, path).isTrue();
            }
        }));
    }

    @Test
    void theJsonFormIsTheSameDocument() throws Exception {
        HttpResponse<String> json = get("/openapi.json");

        assertThat(json.statusCode()).isEqualTo(200);
        // JSON is YAML: the same parser reads it
        assertThat(documented(document(json.body()))).isEqualTo(documented(document(get("/openapi.yaml").body())));
    }
}
