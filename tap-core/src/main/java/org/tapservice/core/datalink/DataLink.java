package org.tapservice.core.datalink;

/** The names DataLink 1.1 gives its endpoint, media type and link fields. */
public final class DataLink {

    /** The standardID of the {links} capability and of its service descriptors. */
    public static final String STANDARD_ID = "ivo://ivoa.net/std/DataLink#links-1.1";
    /** The media type of a links response in VOTable (section 3.1). */
    public static final String CONTENT_TYPE = "application/x-votable+xml;content=datalink";
    /** The semantics of the link to the thing the ID names itself, from the core vocabulary. */
    public static final String THIS = "#this";

    private DataLink() {
    }
}
