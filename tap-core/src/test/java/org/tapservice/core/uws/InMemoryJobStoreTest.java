package org.tapservice.core.uws;

/** The reference store against the contract every store obeys. */
class InMemoryJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore newStore() {
        return new InMemoryJobStore();
    }
}
