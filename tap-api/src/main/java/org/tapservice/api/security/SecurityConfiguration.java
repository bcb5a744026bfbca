package org.tapservice.api.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.tapservice.api.web.ErrorResponses;

/**
 * Who is calling, for a stateless API: credentials on every request (HTTP Basic, bearer
 * token, or none), no session, no CSRF token (nothing rides on cookies), no login page. Every
 * TAP and VOSI resource stays open to anonymous callers; /async too unless
 * {@code tap.security.anonymous-async=false}. Which jobs a caller reaches is the job service's
 * business (their owner's), not a URL rule.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** A bean of its own so that the context closes it: a JWK Set URL's keys are refreshed in the background. */
    @Bean
    TokenKeys tokenKeys(SecurityProperties settings) {
        return settings.accepts(SecurityProperties.Mode.JWT) ? TokenKeys.of(settings.jwt()) : TokenKeys.none();
    }

    @Bean
    SecurityFilterChain tapSecurity(HttpSecurity http, SecurityProperties settings, TokenKeys keys) throws Exception {
        Challenge challenge = new Challenge(settings);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(challenge)
                        .accessDeniedHandler((request, response, denied) -> ErrorResponses.write(response,
                                HttpStatus.FORBIDDEN.value(), "access denied: " + denied.getMessage())))
                .authorizeHttpRequests(requests -> {
                    if (settings.authenticates() && !settings.anonymousAsync()) {
                        requests.requestMatchers("/async", "/async/**").authenticated();
                    }
                    requests.anyRequest().permitAll();
                });
        if (settings.accepts(SecurityProperties.Mode.BASIC)) {
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            DaoAuthenticationProvider users = new DaoAuthenticationProvider(ConfiguredUsers.of(settings.basic(), encoder));
            users.setPasswordEncoder(encoder);
            http.authenticationProvider(new RememberedPasswords(users, settings.basic().rememberFor(),
                            Clock.systemUTC()))
                    .httpBasic(basic -> basic.realmName(settings.realm()).authenticationEntryPoint(challenge));
        }
        if (settings.accepts(SecurityProperties.Mode.JWT)) {
            http.oauth2ResourceServer(tokens -> tokens.authenticationEntryPoint(challenge)
                    .jwt(jwt -> jwt.decoder(BearerTokens.decoder(settings.jwt(), keys))
                            .jwtAuthenticationConverter(TokenIdentity.of(settings.jwt()))));
        }
        if (settings.authenticates()) {
            http.addFilterBefore(new CredentialsRequired(SecurityContextHolder.getContextHolderStrategy(), challenge),
                    AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * Spring Security observes each of its filters, its authentication and its authorization on
     * every request when an observation registry exists: wrapping every filter and asking, per
     * filter and request, whether the observation is wanted cost about a tenth of the CPU a small
     * cone search takes here, for traces nobody collects. The request metrics
     * (http.server.requests) are unaffected.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** URLs the firewall refuses (encoded slashes, "..") get the service's error document too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ErrorResponses.write(response, HttpStatus.BAD_REQUEST.value(),
                "the request was refused: " + rejected.getMessage());
    }
}
