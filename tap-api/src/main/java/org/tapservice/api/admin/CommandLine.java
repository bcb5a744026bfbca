package org.tapservice.api.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one admin command split into positionals and {@code --name value} (or
 * {@code --name=value}) options. Every option takes a value; unknown ones are usage errors, so
 * a typo never silently falls back to a default.
 */
record CommandLine(List<String> positionals, Map<String, String> options) {

    static CommandLine parse(List<String> args, Set<String> allowedOptions) {
        var positionals = new ArrayList<String>();
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!allowedOptions.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CommandLine(List.copyOf(positionals), Map.copyOf(options));
    }

    /** The one positional argument, described by {@code what} in the error message. */
    String single(String what) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing " + what);
        }
        if (positionals.size() > 1) {
            throw new UsageException("unexpected argument '" + positionals.get(1) + "'");
        }
        return positionals.getFirst();
    }

    void noPositionals() {
        if (!positionals.isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals.getFirst() + "'");
        }
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
