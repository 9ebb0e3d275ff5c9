package dev.openmodel.source;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Which weight formats a list of file names holds. Pickle files run code when loaded. */
public final class WeightFiles {
    /** Extensions of PyTorch/pickle checkpoints. */
    static final Set<String> PICKLE = Set.of(".bin", ".pt", ".pth", ".pkl", ".ckpt", ".pickle");

    private WeightFiles() {
    }

    public static Set<String> formats(Collection<String> files) {
        Set<String> formats = new TreeSet<>();
        for (String f : files) {
            String name = f.toLowerCase(Locale.ROOT);
            if (name.endsWith(".safetensors")) {
                formats.add("safetensors");
            } else if (name.endsWith(".gguf")) {
                formats.add("gguf");
            } else if (name.endsWith(".onnx")) {
                formats.add("onnx");
            } else if (PICKLE.stream().anyMatch(name::endsWith) && !training(name)) {
                formats.add("pickle");
            }
        }
        return formats;
    }

    /** training_args.bin and optimizer states ship beside weights and are not loaded by an engine. */
    private static boolean training(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.equals("training_args.bin") || base.startsWith("optimizer") || base.startsWith("scheduler") || base.startsWith("rng_state");
    }
}
