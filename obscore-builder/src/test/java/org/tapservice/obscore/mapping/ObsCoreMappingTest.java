package org.tapservice.obscore.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.expr.ExpressionLimits;

/** A mapping file is checked whole when read; a hostile one is refused with a message a person can act on. */
class ObsCoreMappingTest {

    private static ObsCoreMapping parse(String yaml) {
        return ObsCoreMapping.parse(yaml, "mapping.yaml", ExpressionLimits.DEFAULT);
    }

    @Test
    void theExampleMappingInTheRepositoryIsValid() {
        ObsCoreMapping mapping = ObsCoreMapping.read(Path.of("examples/mapping.yaml"), ExpressionLimits.DEFAULT);

        assertThat(mapping.rules()).isNotEmpty();
        assertThat(mapping.ruleFor("spectra/night1/s001.fits")).isPresent();
    }

    @Test
    void rulesMatchFilesByPatternInOrder() {
        ObsCoreMapping mapping = parse("""
                collections:
                  - collection: SPECTRA
                    files: ["spectra/**/*.fits"]
                  - collection: IMAGES
                    files: ["*.fits", "images/*.fit"]
                """);

        assertThat(mapping.ruleFor("spectra/a/b/x.fits")).map(MappingRule::collection).contains("SPECTRA");
        assertThat(mapping.ruleFor("spectra/x.fits")).map(MappingRule::collection).contains("SPECTRA");
        assertThat(mapping.ruleFor("top.fits")).map(MappingRule::collection).contains("IMAGES");
        assertThat(mapping.ruleFor("images/sub/y.fit")).isEmpty();
    }

    @Test
    void forcedValuesAreCheckedAgainstTheColumnsKind() {
        assertThat(parse("collections: [{collection: C, set: {calib_level: 2, s_region: '1 2 3 2 3 4'}}]")
                .rules().getFirst().set()).containsKeys(ObsCoreField.CALIB_LEVEL, ObsCoreField.S_REGION);
        assertThatThrownBy(() -> parse("collections: [{collection: C, set: {calib_level: two}}]"))
                .hasMessageContaining("collections[1]: set: calib_level").hasMessageContaining("whole number");
        assertThatThrownBy(() -> parse("collections: [{collection: C, set: {colour: red}}]"))
                .hasMessageContaining("'colour' is not an ObsCore column");
        assertThatThrownBy(() -> parse("collections: [{collection: C, sett: {}}]"))
                .hasMessageContaining("unknown key 'sett'");
    }

    @Test
    void aComputedFieldThatCallsAnythingButTheFixedFunctionsIsRefusedWhenTheFileIsRead() {
        assertThatThrownBy(() -> parse("collections: [{collection: C, compute: {obs_id: \"readFile('/etc/passwd')\"}}]"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("compute: obs_id").hasMessageContaining("no function 'readFile'");
    }

    @Test
    void onlyObscorePrefixedEnvironmentVariablesCanBeRead() {
        assertThat(parse("collections: [{collection: C, environment: {facility_name: OBSCORE_FACILITY}}]")
                .rules().getFirst().environment()).containsEntry(ObsCoreField.FACILITY_NAME, "OBSCORE_FACILITY");
        assertThatThrownBy(() -> parse("collections: [{collection: C, environment: {obs_id: SPRING_DATASOURCE_PASSWORD}}]"))
                .hasMessageContaining("only variables named OBSCORE_");
    }

    @Test
    void yamlTagsNamingJavaTypesAreRefused() {
        assertThatThrownBy(() -> parse("collections: !!java.util.ArrayList []"))
                .isInstanceOf(MappingException.class).hasMessageContaining("not a mapping file this builder accepts");
        assertThatThrownBy(() -> parse("x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]"))
                .isInstanceOf(MappingException.class);
    }

    @Test
    void aYamlAliasBombIsRefusedBeforeItExpands() {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ", ").repeat(9))
                    .append("*").append(previous).append("]\n");
        }
        assertThatThrownBy(() -> parse(bomb.toString())).isInstanceOf(MappingException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void identifiersAndUrlsMustBeWhatObscoreExpects() {
        assertThatThrownBy(() -> parse("publisher_did: http://example.org/x")).hasMessageContaining("ivo://");
        assertThatThrownBy(() -> parse("access_url: file:///etc/")).hasMessageContaining("http://");
    }

    @Test
    void aPatternThatWouldMakeARegularExpressionBacktrackIsMatchedStraightThrough() {
        var pattern = new GlobPattern("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        String path = "a".repeat(3_000);

        assertThat(pattern.matches(path)).isFalse();
        assertThat(pattern.matches(path + "b")).isTrue();
    }

    @Test
    void globsKeepSingleStarsWithinOneDirectory() {
        assertThat(new GlobPattern("*.fits").matches("night1/x.fits")).isFalse();
        assertThat(new GlobPattern("**.fits").matches("night1/x.fits")).isTrue();
        assertThat(new GlobPattern("night?/*.fits").matches("night1/x.fits")).isTrue();
        assertThat(new GlobPattern("night?/*.fits").matches("night/1x.fits")).isFalse();
    }
}

