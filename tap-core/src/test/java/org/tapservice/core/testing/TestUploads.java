package org.tapservice.core.testing;

import java.time.Duration;

import org.tapservice.core.upload.AddressPolicy;
import org.tapservice.core.upload.RemoteTableFetcher;
import org.tapservice.core.upload.RemoteTableSettings;
import org.tapservice.core.upload.TableUploads;
import org.tapservice.core.upload.UploadLimits;

/** Upload handling as the tests that do not look at it need it: generous limits, public hosts only. */
public final class TestUploads {

    public static final UploadLimits LIMITS = new UploadLimits(10_000_000, 100_000, 100, 4);

    private TestUploads() {
    }

    /** Public hosts only, 10 s to connect, a minute in all, up to 3 redirects: the service's defaults. */
    public static final RemoteTableSettings REMOTE = new RemoteTableSettings(Duration.ofSeconds(10),
            Duration.ofMinutes(1), 3, AddressPolicy.publicOnly());

    public static TableUploads standard() {
        return new TableUploads(LIMITS, new RemoteTableFetcher(REMOTE));
    }
}
