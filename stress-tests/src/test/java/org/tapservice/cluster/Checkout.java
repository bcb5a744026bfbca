package org.tapservice.cluster;

import java.nio.file.Path;

/**
 * The project's checkout, whose scripts (bin/, bench/) and deployment files the stress tests
 * run: Maven runs them from the stress-tests module, one folder below it.
 */
public final class Checkout {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Checkout() {
    }

    /** The checkout's root folder. */
    public static Path root() {
        return ROOT;
    }

    /** A file of the checkout, by its path from the root. */
    public static Path resolve(String path) {
        return ROOT.resolve(path);
    }
}
