package org.tapservice.api.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tapservice.api.admin.publish.TableName;

/**
 * A parsed {@code tap admin} command line. Parsing needs no database, so a usage error is
 * reported before Spring and the connection pool start.
 */
public sealed interface AdminCommand {

    long DEFAULT_DEMO_ROWS = 1_000_000;

    String USAGE = """
            usage: tap admin COMMAND [OPTIONS]

              publish SCHEMA.TABLE [--meta FILE.yaml] [--description TEXT]
                  Describe an existing table or view in TAP_SCHEMA, replacing its old rows.
                  Columns, types, indexes and keys come from the database; FILE.yaml adds
                  description/utype of the table and unit/ucd/utype/description/principal/std
                  per column.
              unpublish SCHEMA.TABLE
                  Remove a table from TAP_SCHEMA; the table itself is kept.
              demo [--rows N]
                  (Re)create the synthetic catalogue demo.stars with N rows (default %,d)
                  and publish it.
              obscore build DIR [--mapping FILE.yaml]
                  Read the headers of every FITS file under DIR, derive their ObsCore rows
                  (with the mapping's defaults, forced, computed and environment values),
                  load them into ivoa.obscore (re-running updates, never duplicates) and
                  publish it; report per file the fields that could not be derived.
              obscore apply-mapping [--mapping FILE.yaml]
                  Apply a mapping again to every row built before, from the stored headers.
              obscore demo
                  Build and publish the demo ObsCore collection from synthetic FITS files.
            """.formatted(DEFAULT_DEMO_ROWS);

    record Publish(TableName table, Optional<Path> metadataFile, Optional<String> description)
            implements AdminCommand {}

    record Unpublish(TableName table) implements AdminCommand {}

    record Demo(long rows) implements AdminCommand {}

    record ObsCoreBuild(Path directory, Optional<Path> mapping) implements AdminCommand {}

    record ObsCoreApplyMapping(Optional<Path> mapping) implements AdminCommand {}

    record ObsCoreDemo() implements AdminCommand {}

    static AdminCommand parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "publish" -> {
                var line = CommandLine.parse(rest, Set.of("meta", "description"));
                yield new Publish(TableName.parse(line.single("SCHEMA.TABLE")),
                        line.option("meta").map(Path::of), line.option("description"));
            }
            case "unpublish" -> new Unpublish(
                    TableName.parse(CommandLine.parse(rest, Set.of()).single("SCHEMA.TABLE")));
            case "demo" -> {
                var line = CommandLine.parse(rest, Set.of("rows"));
                line.noPositionals();
                yield new Demo(line.option("rows").map(AdminCommand::rowCount).orElse(DEFAULT_DEMO_ROWS));
            }
            case "obscore" -> obscore(rest);
            default -> throw new UsageException("unknown command '" + args.getFirst() + "'");
        };
    }

    private static AdminCommand obscore(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("obscore needs a subcommand: build, apply-mapping or demo");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "build" -> {
                var line = CommandLine.parse(rest, Set.of("mapping"));
                yield new ObsCoreBuild(Path.of(line.single("DIR")), line.option("mapping").map(Path::of));
            }
            case "apply-mapping" -> {
                var line = CommandLine.parse(rest, Set.of("mapping"));
                line.noPositionals();
                yield new ObsCoreApplyMapping(line.option("mapping").map(Path::of));
            }
            case "demo" -> {
                CommandLine.parse(rest, Set.of()).noPositionals();
                yield new ObsCoreDemo();
            }
            default -> throw new UsageException("unknown obscore subcommand '" + args.getFirst() + "'");
        };
    }

    private static long rowCount(String text) {
        try {
            long rows = Long.parseLong(text.replace("_", ""));
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a non-positive count
        }
        throw new UsageException("--rows needs a positive whole number, not '" + text + "'");
    }
}
