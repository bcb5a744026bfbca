package org.tapservice.core.testing;

import org.tapservice.core.upload.RemoteTableFetcher;
import org.tapservice.core.upload.RemoteTableSettings;
import org.tapservice.core.upload.TableUploads;
import org.tapservice.core.upload.UploadLimits;

/** Upload handling as the tests that do not look at it need it: generous limits, public hosts only. */
public final class TestUploads {

    public static final UploadLimits LIMITS = new UploadLimits(10_000_000, 100_000, 100, 4);

    private TestUploads() {
    }

    public static TableUploads standard() {
        return new TableUploads(LIMITS, new RemoteTableFetcher(RemoteTableSettings.defaults()));
    }
}
