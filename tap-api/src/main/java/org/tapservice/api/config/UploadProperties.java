package org.tapservice.api.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tapservice.core.upload.AddressPolicy;
import org.tapservice.core.upload.NetworkRange;
import org.tapservice.core.upload.RemoteTableSettings;
import org.tapservice.core.upload.UploadLimits;

/**
 * Table uploads ({@code tap.upload.*}, TAP 1.1 section 3.3.5).
 *
 * @param maxBytes   the most bytes of one uploaded table, and of all the tables one request
 *                   sends inline together (the container refuses a larger request body before
 *                   it is read); published as TAPRegExt's uploadLimit
 * @param maxRows    the most rows of one table
 * @param maxColumns the most columns of one table
 * @param maxTables  the most tables one request may upload
 * @param url        how tables given by URL are fetched
 */
@ConfigurationProperties("tap.upload")
public record UploadProperties(@DefaultValue("100MB") DataSize maxBytes,
                               @DefaultValue("1000000") long maxRows,
                               @DefaultValue("200") int maxColumns,
                               @DefaultValue("10") int maxTables,
                               @DefaultValue Url url) {

    /**
     * @param connectTimeout  the longest wait for a connection to the host
     * @param timeout         the longest a download may take, redirects included
     * @param maxRedirects    redirects followed (each to a URL checked like the first)
     * @param allowedNetworks CIDR ranges fetched from although they are not public (by default
     *                        only public addresses are: loopback, private, link-local and the
     *                        like are refused, against server-side request forgery)
     */
    public record Url(@DefaultValue("10s") Duration connectTimeout,
                      @DefaultValue("60s") Duration timeout,
                      @DefaultValue("3") int maxRedirects,
                      @DefaultValue List<String> allowedNetworks) {
    }

    public UploadLimits limits() {
        return new UploadLimits(maxBytes.toBytes(), maxRows, maxColumns, maxTables);
    }

    public RemoteTableSettings remote() {
        return new RemoteTableSettings(url.connectTimeout(), url.timeout(), url.maxRedirects(), new AddressPolicy(
                url.allowedNetworks().stream().map(NetworkRange::parse).toList()));
    }
}
