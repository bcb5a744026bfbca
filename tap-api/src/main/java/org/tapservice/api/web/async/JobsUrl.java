package org.tapservice.api.web.async;

import org.tapservice.api.web.RequestParameters;
import org.tapservice.core.uws.JobId;

/** The URLs of the job list and its jobs as the client sees them (behind a proxy too). */
final class JobsUrl {

    static final String PATH = "/async";

    private JobsUrl() {
    }

    static String list() {
        return RequestParameters.baseUrl() + PATH;
    }

    static String job(JobId id) {
        return list() + "/" + id.value();
    }
}
