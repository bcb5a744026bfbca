package org.tapservice.stress;

import java.util.concurrent.ThreadLocalRandom;

/** A user's table of positions as a VOTable (TABLEDATA), the classic upload to cross-match. */
final class Uploads {

    private Uploads() {
    }

    static String positions(int rows) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder votable = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
                <FIELD name="name" datatype="char" arraysize="*"/>
                <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra"/>
                <FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec"/>
                <DATA><TABLEDATA>
                """);
        for (int i = 0; i < rows; i++) {
            double ra = random.nextDouble(360);
            double dec = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
            votable.append("<TR><TD>target-").append(i).append("</TD><TD>").append(ra).append("</TD><TD>")
                    .append(dec).append("</TD></TR>\n");
        }
        return votable.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n").toString();
    }
}
