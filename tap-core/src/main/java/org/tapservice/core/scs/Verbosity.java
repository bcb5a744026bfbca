package org.tapservice.core.scs;

/** Simple Cone Search's VERB: how many columns a response has. */
public enum Verbosity {
    /** VERB=1: the identifier and the position. */
    MINIMAL,
    /** VERB=2, the default: the identifier, the position and the table's principal columns (TAP_SCHEMA). */
    MEDIUM,
    /** VERB=3: every column. */
    FULL
}
