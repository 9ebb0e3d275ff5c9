package dev.openmodel.serving;

import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.text.Escape;
import dev.openmodel.api.v1alpha1.EnvVarSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What user {@code args} and {@code env} may not set: the engine's flags and variables that
 * select what the gate decided (model, revision, code trust, load format, download source, the
 * port the probes use), listed per engine in {@code engines.yaml}. A flag matches in every
 * spelling the engines accept: any number of leading dashes, '_' for '-', with or without
 * '=value', and abbreviated (argparse accepts an unambiguous prefix).
 */
public final class EngineOverrides {

    /** One user argument or variable that sets something the gate owns. */
    public record Setting(String field, String given, String what) {
        @Override
        public String toString() {
            return field + ": '" + Escape.text(given, 80) + "' would set " + what + ", which OpenModel decides; remove it";
        }
    }

    /** An owned setting of an engine, as engines.yaml lists it. */
    public record Owned(String what, List<String> args, List<String> env) {
    }

    private static final int MIN_ABBREVIATION = 3;

    private EngineOverrides() {
    }

    public static List<Setting> find(Engine engine, List<String> args, List<EnvVarSpec> env) {
        List<Owned> owned = EngineDefaults.of(engine).owned();
        List<Setting> found = new ArrayList<>();
        if (args != null) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg == null || !arg.startsWith("-")) {
                    continue; // a value, not a flag
                }
                String flag = flagName(arg);
                if (flag.isEmpty()) {
                    continue; // "--": the end of options
                }
                for (Owned o : owned) {
                    if (o.args() != null && o.args().stream().map(EngineOverrides::flagName).anyMatch(f -> matches(flag, f, arg))) {
                        found.add(new Setting("spec.serving.args[" + i + "]", arg, o.what()));
                        break;
                    }
                }
            }
        }
        if (env != null) {
            for (int i = 0; i < env.size(); i++) {
                EnvVarSpec e = env.get(i);
                String name = e == null ? null : e.name;
                if (name == null) {
                    continue;
                }
                for (Owned o : owned) {
                    if (o.env() != null && o.env().contains(name)) {
                        found.add(new Setting("spec.serving.env[" + i + "]", name, o.what()));
                        break;
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** "--Trust_Remote_Code=yes" is trust-remote-code; "-m" is m. */
    static String flagName(String arg) {
        int start = 0;
        while (start < arg.length() && arg.charAt(start) == '-') {
            start++;
        }
        int end = arg.indexOf('=', start);
        String name = arg.substring(start, end < 0 ? arg.length() : end);
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean matches(String given, String owned, String raw) {
        if (given.equals(owned)) {
            return true;
        }
        // argparse abbreviations: only long options (two dashes) and only from a few characters on.
        return raw.startsWith("--") && given.length() >= MIN_ABBREVIATION && owned.startsWith(given);
    }
}
