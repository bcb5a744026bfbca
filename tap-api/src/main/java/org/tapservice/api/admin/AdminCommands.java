package org.tapservice.api.admin;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

import org.tapservice.api.admin.demo.DemoLoader;
import org.tapservice.api.admin.demo.DemoReport;
import org.tapservice.api.admin.obscore.DemoObsCore;
import org.tapservice.api.admin.obscore.ObsCoreAdmin;
import org.tapservice.api.admin.publish.PublishReport;
import org.tapservice.api.admin.publish.TableMetadata;
import org.tapservice.api.admin.publish.TablePublisher;

/** Runs a parsed command and reports on it: results to {@code out}, warnings to {@code err}. */
final class AdminCommands {

    private final TablePublisher publisher;
    private final DemoLoader demoLoader;
    private final ObsCoreAdmin obsCore;

    AdminCommands(TablePublisher publisher, DemoLoader demoLoader, ObsCoreAdmin obsCore) {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.demoLoader = requireNonNull(demoLoader, "demoLoader is null");
        this.obsCore = requireNonNull(obsCore, "obsCore is null");
    }

    void run(AdminCommand command, PrintStream out, PrintStream err) {
        switch (command) {
            case AdminCommand.Publish publish -> {
                TableMetadata metadata = publish.metadataFile().map(TableMetadata::read).orElse(TableMetadata.NONE);
                metadata = publish.description().map(metadata::withDescription).orElse(metadata);
                String source = publish.metadataFile().map(Object::toString).orElse("metadata");
                report(publisher.publish(publish.table(), metadata, source), out, err);
            }
            case AdminCommand.Unpublish unpublish -> {
                if (!publisher.unpublish(unpublish.table())) {
                    throw new AdminException(unpublish.table().tapName() + " is not published");
                }
                out.println("unpublished " + unpublish.table().tapName());
            }
            case AdminCommand.Demo demo -> {
                DemoReport report = demoLoader.load(demo.rows());
                report(report.published(), out, err);
                out.println(report.summary());
            }
            case AdminCommand.ObsCoreBuild build -> report(obsCore.build(build.directory(), build.mapping()), out, err);
            case AdminCommand.ObsCoreApplyMapping apply -> report(obsCore.applyMapping(apply.mapping()), out, err);
            case AdminCommand.ObsCoreDemo ignored -> report(new DemoObsCore(obsCore).load(), out, err);
        }
    }

    /** The per-file report goes to err with the warnings; the summaries to out. */
    private static void report(ObsCoreAdmin.Outcome outcome, PrintStream out, PrintStream err) {
        outcome.build().printProblems(err);
        out.println(outcome.build().summary());
        report(outcome.published(), out, err);
    }

    private static void report(PublishReport report, PrintStream out, PrintStream err) {
        report.warnings().forEach(warning -> err.println("warning: " + warning));
        out.println(report.summary());
    }
}
