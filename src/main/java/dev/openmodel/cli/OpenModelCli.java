package dev.openmodel.cli;

import java.util.Arrays;
import java.util.List;

/** Entry point of {@code bin/openmodel}: offline commands for CI pipelines and GitOps pre-merge checks. */
public final class OpenModelCli {
    private OpenModelCli() {
    }

    public static void main(String[] args) {
        List<String> all = Arrays.asList(args);
        if (!all.isEmpty() && all.get(0).equals("conformance")) {
            int code = ConformanceCommand.run(all.subList(1, all.size()), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (all.isEmpty() || !all.get(0).equals("assess")) {
            System.err.println(ConformanceCommand.usage());
            System.err.println(AssessCommand.usage());
            System.exit(all.isEmpty() || all.get(0).equals("--help") ? 0 : 2);
        }
        dev.openmodel.license.LicenseResolver.prepareInBackground();
        int code;
        try {
            code = AssessCommand.run(all.subList(1, all.size()), System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("openmodel assess: " + e.getMessage());
            code = AssessCommand.UNREADABLE;
        }
        System.out.flush();
        System.exit(code);
    }
}
