package org.tapservice.obscore.wcs;

import java.util.OptionalDouble;

import org.tapservice.obscore.Outcome;
import org.tapservice.obscore.fits.FitsHeader;

/**
 * The 2x2 matrix from pixel offsets to intermediate world coordinates (degrees) of two axes,
 * from whichever of the three forms FITS allows a header uses (paper I, section 2.1.2 and the
 * older CROTA2 convention of AIPS).
 */
final class LinearTransform {

    private LinearTransform() {
    }

    static Outcome<double[][]> of(FitsHeader header, int i, int j) {
        int[] axes = {i, j};
        boolean anyCd = false;
        boolean anyPc = false;
        for (int a : axes) {
            for (int b : axes) {
                anyCd |= header.has("CD" + a + "_" + b);
                anyPc |= header.has("PC" + a + "_" + b);
            }
        }
        double[][] matrix = new double[2][2];
        if (anyCd) {
            // paper I: a CDi_j missing where others are given is zero
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    matrix[r][c] = header.number("CD" + axes[r] + "_" + axes[c]).orElse(0);
                }
            }
            return check(matrix);
        }
        OptionalDouble cdelt1 = header.number("CDELT" + i);
        OptionalDouble cdelt2 = header.number("CDELT" + j);
        if (cdelt1.isEmpty() || cdelt2.isEmpty()) {
            return Outcome.missing("no CDi_j matrix and no CDELT" + i + "/CDELT" + j + " for the celestial axes");
        }
        double[] cdelt = {cdelt1.getAsDouble(), cdelt2.getAsDouble()};
        if (anyPc) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    matrix[r][c] = cdelt[r] * header.number("PC" + axes[r] + "_" + axes[c]).orElse(r == c ? 1 : 0);
                }
            }
            return check(matrix);
        }
        double rho = Math.toRadians(header.number("CROTA" + j).orElse(header.number("CROTA" + i).orElse(0)));
        matrix[0][0] = cdelt[0] * Math.cos(rho);
        matrix[0][1] = -cdelt[1] * Math.sin(rho);
        matrix[1][0] = cdelt[0] * Math.sin(rho);
        matrix[1][1] = cdelt[1] * Math.cos(rho);
        return check(matrix);
    }

    private static Outcome<double[][]> check(double[][] m) {
        double determinant = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        if (!Double.isFinite(determinant) || determinant == 0) {
            return Outcome.missing("the celestial pixel-to-sky matrix is singular (a CDELT or CD element is zero)");
        }
        return Outcome.of(m);
    }
}
