package org.tapservice.core.results;

import java.time.Clock;

/** The reference store keeps the contract every conversion store keeps. */
class InMemoryConversionStatesTest extends ConversionStatesContract {

    @Override
    protected ConversionStates newStates() {
        return new InMemoryConversionStates(Clock.systemUTC());
    }
}
