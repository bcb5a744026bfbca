package org.tapservice.obscore;

import java.io.PrintStream;
import java.util.List;

/** The outcome of a build or of a mapping applied again: per file, and the counts. */
public record BuildReport(List<FileReport> files, int loaded) {

    public BuildReport {
        files = List.copyOf(files);
    }

    public long skipped() {
        return files.stream().filter(file -> file.skipped().isPresent()).count();
    }

    public long withProblems() {
        return files.stream().filter(file -> file.skipped().isEmpty() && !file.problems().isEmpty()).count();
    }

    /** One block per file that was skipped or has fields left NULL. */
    public void printProblems(PrintStream out) {
        for (FileReport file : files) {
            if (file.skipped().isPresent()) {
                out.println(file.path() + ": skipped: " + file.skipped().get());
            } else if (!file.problems().isEmpty()) {
                out.println(file.path() + ": " + file.problems().size() + " field(s) left NULL:");
                file.problems().forEach(problem -> out.println("  " + problem));
            }
        }
    }

    public String summary() {
        return "ivoa.obscore: %d file(s) read, %d row(s) loaded, %d skipped, %d with fields not derived"
                .formatted(files.size(), loaded, skipped(), withProblems());
    }
}
