package dev.openmodel.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Normalises license names as people write them ("Apache License, Version 2.0", "CC BY-NC 4.0",
 * "The MIT License") to a comparison key. Only exact key matches count: nothing is fuzzy, so
 * an unfamiliar string stays unknown instead of being guessed.
 */
public final class LicenseNames {
    /** Words that never change which license is meant. Words that could add terms ("under", "terms", "use") are not noise. */
    private static final Set<String> NOISE = Set.of("the", "license", "licence", "agreement", "international", "public", "version",
            "generic", "unported");
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("attribution", "by"), Map.entry("noncommercial", "nc"), Map.entry("sharealike", "sa"),
            Map.entry("noderivatives", "nd"), Map.entry("noderivs", "nd"), Map.entry("gnu", ""), Map.entry("apache2", "apache 2.0"));

    private static final java.util.regex.Pattern GNU_SHORT = java.util.regex.Pattern.compile("^((?:a|l)?gpl)v?([0-9][0-9.]*)$");

    private LicenseNames() {
    }

    public static String key(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.ROOT)
                .replace("creative commons", "cc")
                .replace("non-commercial", "noncommercial").replace("non commercial", "noncommercial")
                .replace("share-alike", "sharealike").replace("share alike", "sharealike")
                .replace("no derivatives", "noderivatives").replace("no-derivatives", "noderivatives")
                .replace("general public", "gpl").replace("lesser gpl", "lgpl").replace("affero gpl", "agpl");
        s = s.replaceAll("[^a-z0-9.+]+", " ");
        List<String> tokens = new ArrayList<>();
        for (String raw : s.trim().split(" +")) {
            String token = SYNONYMS.getOrDefault(raw, raw);
            java.util.regex.Matcher gnu = GNU_SHORT.matcher(token);
            if (gnu.matches()) { // GPLv3, LGPLv2.1, AGPLv3: the family, then the version
                tokens.add(gnu.group(1));
                token = gnu.group(2);
            }
            if (token.isEmpty() || NOISE.contains(token)) {
                continue;
            }
            if (token.matches("v[0-9].*")) {
                token = token.substring(1);
            }
            token = token.replaceAll("^\\.+|\\.+$", "");
            if (token.isEmpty()) {
                continue;
            }
            if (token.matches("[0-9]+")) {
                token = token + ".0"; // "Apache 2" and "Apache 2.0" are the same license
            }
            tokens.add(token);
        }
        if (!tokens.isEmpty() && tokens.get(0).equals("by")) {
            tokens.add(0, "cc"); // a Creative Commons deed title: "Attribution-NonCommercial 4.0 International"
        }
        return String.join(" ", tokens);
    }
}
