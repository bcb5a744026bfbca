package org.tapservice.capacity;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of {@code bin/tap capacity-report}, each {@code -name value}; an unknown option or
 * a malformed value is refused with the usage, before anything starts.
 *
 * @param instances instance counts of the load steps (-instances 1,2)
 * @param users     concurrent users of the load steps (-users 1,2,4,8,16,32)
 * @param duration  seconds per load step (-duration 20)
 * @param port      the cluster's base port (-port 18290): HAProxy there, instances above it,
 *                  Redis at +100
 * @param out       where the report goes (-out target/capacity)
 * @param rows      result sizes of the result-size part (-rows 100,1000,10000,100000,1000000)
 * @param formats   their formats (-formats votable/b2,votable/td)
 * @param jobs      numbers of jobs in the system of the job part (-jobs 1000,10000,100000)
 * @param parts     which parts run (-parts targets,load,results,jobs)
 */
record CapacityOptions(List<Integer> instances, List<Integer> users, int duration, int port, Path out,
        List<Integer> rows, List<String> formats, List<Long> jobs, Set<Part> parts) {

    /**
     * The report's parts: the targets' light-client run, load steps, cost of the result size,
     * cost of the number of jobs.
     */
    enum Part {
        TARGETS, LOAD, RESULTS, JOBS
    }

    static final String USAGE = """
            bin/tap capacity-report [-instances 1,2] [-users 1,2,4,8,16,32] [-duration 20] [-port 18290]
                [-rows 100,1000,10000,100000,1000000] [-formats votable/b2,votable/td]
                [-jobs 1000,10000,100000] [-parts targets,load,results,jobs] [-out target/capacity]""";

    CapacityOptions {
        instances = List.copyOf(instances);
        users = List.copyOf(users);
        rows = List.copyOf(rows);
        formats = List.copyOf(formats);
        jobs = List.copyOf(jobs);
        parts = Set.copyOf(parts);
        if (instances.isEmpty() || users.isEmpty() || parts.isEmpty()) {
            throw new IllegalArgumentException("-instances, -users and -parts need at least one value");
        }
        if (duration <= 0) {
            throw new IllegalArgumentException("-duration must be positive seconds: " + duration);
        }
        if (jobs.stream().anyMatch(n -> n < 1000)) {
            throw new IllegalArgumentException("-jobs: each count must be 1000 or more (a tenth of them is one"
                    + " owner's, and ten are another's): " + jobs);
        }
    }

    static CapacityOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("-") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected -option value, got '" + args[i] + "'");
            }
            given.put(args[i].replaceFirst("^-+", ""), args[i + 1]);
        }
        Set<String> known = Set.of("instances", "users", "duration", "port", "out", "rows", "formats", "jobs", "parts");
        given.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown option -" + name);
        });
        try {
            return new CapacityOptions(list(given.getOrDefault("instances", "1,2"), Integer::valueOf),
                    list(given.getOrDefault("users", "1,2,4,8,16,32"), Integer::valueOf),
                    Integer.parseInt(given.getOrDefault("duration", "20")),
                    Integer.parseInt(given.getOrDefault("port", "18290")),
                    Path.of(given.getOrDefault("out", "target/capacity")).toAbsolutePath(),
                    list(given.getOrDefault("rows", "100,1000,10000,100000,1000000"), Integer::valueOf),
                    list(given.getOrDefault("formats", "votable/b2,votable/td"), Function.identity()),
                    list(given.getOrDefault("jobs", "1000,10000,100000"), Long::valueOf),
                    EnumSet.copyOf(CapacityOptions.<Part>list(given.getOrDefault("parts", "targets,load,results,jobs"),
                            part -> Part.valueOf(part.toUpperCase(Locale.ROOT)))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Part.valueOf's message names the enum's class, not the option
            throw e.getMessage() != null && e.getMessage().startsWith("No enum constant")
                    ? new IllegalArgumentException("-parts takes targets, load, results and jobs: " + given.get("parts"), e) : e;
        }
    }

    private static <T> List<T> list(String values, Function<String, T> parse) {
        return Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty()).map(parse).toList();
    }
}
