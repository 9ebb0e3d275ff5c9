package dev.openmodel.text;

/**
 * Makes text that came from a user safe to echo into status, Events, logs and a terminal:
 * control, format (invisible) and other non-printing characters become {@code \\uXXXX}, and the
 * result is cut to a bound with an ellipsis.
 */
public final class Escape {

    private Escape() {
    }

    /** The text with every non-printing character escaped, at most {@code max} characters long. */
    public static String text(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (printable(cp)) {
                b.appendCodePoint(cp);
            } else if (cp <= 0xFFFF) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.append(String.format("\\U%08X", cp));
            }
        }
        if (b.length() > max) {
            b.setLength(max);
        }
        boolean cut = b.length() >= max && !b.toString().equals(s);
        return cut ? b.substring(0, Math.max(0, max - 1)) + "…" : b.toString();
    }

    /** Whether a code point shows as itself: not a control, format, surrogate, private-use or unassigned character. */
    public static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * A message of several lines for status or an Event: line breaks kept, every other
     * non-printing character escaped, at most {@code max} characters.
     */
    public static String message(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(text(line, max));
            if (b.length() >= max) {
                break;
            }
        }
        return b.length() <= max ? b.toString() : b.substring(0, max - 1) + "…";
    }
}
