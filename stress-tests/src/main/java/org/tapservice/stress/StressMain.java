package org.tapservice.stress;

import java.util.Arrays;

/** Runs one scenario, named by the first argument, against a running service. */
public final class StressMain {

    private StressMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: StressMain async [-url URL] [-clients N] [-jobs N] [-query ADQL]");
            System.exit(2);
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "async" -> AsyncThroughput.run(Options.parse(options));
            default -> {
                System.err.println("unknown scenario: " + args[0]);
                System.exit(2);
            }
        }
    }
}
