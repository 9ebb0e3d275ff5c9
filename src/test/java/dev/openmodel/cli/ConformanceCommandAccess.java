package dev.openmodel.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.List;

/** Runs the conformance command with a given client (the tests' local cluster). */
public final class ConformanceCommandAccess {
    private ConformanceCommandAccess() {
    }

    public static int run(List<String> args, KubernetesClient client, PrintStream out, PrintStream err) {
        return ConformanceCommand.run(args, client, out, err);
    }
}
