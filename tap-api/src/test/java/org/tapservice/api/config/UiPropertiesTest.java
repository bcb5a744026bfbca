package org.tapservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** tap.ui.*: the page's sky survey must be a web address; sign-in has a name the page knows. */
class UiPropertiesTest {

    private static final UiProperties.Oidc NO_PROVIDER = new UiProperties.Oidc(null, null, List.of("openid"), "sub");

    @Test
    void aSurveyIsAnHttpOrHttpsUrl() {
        URI hips = URI.create("https://archive.example.org/hips/dss2");

        assertThat(new UiProperties(hips, UiProperties.SignIn.NONE, NO_PROVIDER).hips()).hasValue(hips);
        assertThatThrownBy(() -> new UiProperties(URI.create("file:/etc/passwd"), UiProperties.SignIn.NONE, NO_PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tap.ui.hips-url");
    }

    @Test
    void noSurveyIsTheDefault() {
        assertThat(new UiProperties(null, UiProperties.SignIn.BASIC, NO_PROVIDER).hips()).isEmpty();
    }

    @Test
    void signInModesAreNamedAsConfigured() {
        assertThat(UiProperties.SignIn.BASIC.value()).isEqualTo("basic");
        assertThat(UiProperties.SignIn.NONE.value()).isEqualTo("none");
        assertThat(UiProperties.SignIn.OIDC.value()).isEqualTo("oidc");
    }
}
