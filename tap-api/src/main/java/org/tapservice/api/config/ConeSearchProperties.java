package org.tapservice.api.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simple Cone Search ({@code tap.scs.*}).
 *
 * @param tables    the published tables served at /scs/{table}; empty (the default) serves every
 *                  table whose TAP_SCHEMA columns carry the UCDs a cone search needs
 * @param maxRadius the largest SR answered, in degrees (SCS's MaxSR)
 */
@ConfigurationProperties("tap.scs")
public record ConeSearchProperties(@DefaultValue List<String> tables, @DefaultValue("10") double maxRadius) {

    public ConeSearchProperties {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (!(maxRadius > 0 && maxRadius <= 90)) {
            throw new IllegalArgumentException("tap.scs.max-radius must be above 0 and at most 90 degrees, got "
                    + maxRadius);
        }
    }
}
