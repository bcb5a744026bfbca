package org.tapservice.api.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How a bearer token is judged: its signature by one of the {@link TokenKeys}, then its
 * claims. A token passes only if it has not expired (and says when it expires), is already
 * valid, comes from the configured issuer for the configured audience, and names its user.
 */
final class BearerTokens {

    private BearerTokens() {
    }

    static JwtDecoder decoder(SecurityProperties.Jwt settings, TokenKeys keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys.selector());
        // plain JWTs and OAuth2 access tokens (RFC 9068); an ID token's "JWT" or none
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        // the claims are checked by the validator below, which says what is wrong with them
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(settings));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt settings) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        // a token without an expiry would be good for ever
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        settings.issuerValue().ifPresent(issuer -> validators.add(new JwtIssuerValidator(issuer)));
        if (!settings.audience().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.stream().anyMatch(settings.audience()::contains)));
        }
        validators.add(new JwtClaimValidator<Object>(settings.usernameClaim(),
                name -> name instanceof String text && !text.isBlank()));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
