package dev.openmodel.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few safe rules by which free-text license strings that name no single license are still
 * read, tried only after exact matching fails. Each can only keep or lower what is allowed,
 * never raise it:
 * <ul>
 *   <li>a bare restriction ("non-commercial use only", "research purposes only") is non-commercial;</li>
 *   <li>"A and B", "A + B", "A &amp; B" are {@code A AND B}: the most restrictive part wins;</li>
 *   <li>a list "A, B" counts only when every part has one and the same category;</li>
 *   <li>a trailing remark in parentheses is dropped only when the rest resolves exactly and the
 *       remark says nothing about terms; a remark that restricts, or names a license, is added
 *       as another part that must be complied with.</li>
 * </ul>
 * Everything else stays unknown. Text with characters a reader could mistake for others
 * (control, invisible, letters of other scripts that look Latin) is never folded at all.
 */
final class LicenseText {

    /** Words a bare restriction may consist of; it must contain one of RESTRICTING. */
    private static final Set<String> RESTRICTION_WORDS = Set.of("for", "use", "only", "purpose", "purposes", "non", "commercial",
            "noncommercial", "research", "academic", "educational", "education", "evaluation", "personal", "and", "or", "strictly", "not",
            "no", "in", "of", "scientific", "internal", "uses", "usage", "license", "licence", "allowed", "permitted", "is", "the", "allowing", "allows", "permits",
            "intended", "solely", "exclusively");
    private static final Set<String> RESTRICTING = Set.of("noncommercial", "research", "academic", "educational", "education", "evaluation",
            "personal", "scientific");
    /** Words that make a parenthetical remark about terms rather than a plain note. */
    private static final Pattern TERMS_WORDS = Pattern.compile(
            "(?i)\\b(licen[cs]e[ds]?|terms?|agreement|polic(y|ies)|only|except|exception|not|no|restrict\\w*|prohibit\\w*|commercial\\w*|"
                    + "research|academic|non|without|must|may|additional|plus|modified|custom|rail|use)\\b");
    private static final Pattern TRAILING_REMARK = Pattern.compile("^(.*\\S)\\s*\\(([^()]*)\\)\\s*$");
    private static final Pattern AND_WORDS = Pattern.compile("\\s+(?:and|\\+|&)\\s+", Pattern.CASE_INSENSITIVE);
    /** List separators; "/" usually offers a choice, which reads the same as a list when every part has one category. */
    private static final Pattern LIST = Pattern.compile("\\s*[,;/]\\s*");

    private LicenseText() {
    }

    /**
     * Whether the text holds only characters a reader takes at face value: printable ASCII and
     * common typography, or CJK and Hangul text (no Latin look-alikes). Control, format
     * (invisible) and other-script letters make a string unknown.
     */
    static boolean readable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x20 && cp < 0x7F) {
                continue;
            }
            if (TYPOGRAPHY.indexOf(cp) >= 0) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean eastAsian = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
            boolean cjkPunctuation = (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60);
            if (!(eastAsian || cjkPunctuation)) {
                return false;
            }
        }
        return true;
    }

    private static final String TYPOGRAPHY = "\u00A0\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201C\u201D\u00AE\u2122\u00A9";

    /** Typographic quotes, dashes and spaces as their ASCII selves; marks dropped. */
    static String plain(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u00A0' -> b.append(' ');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014' -> b.append('-');
                case '\u2018', '\u2019' -> b.append('\'');
                case '\u201C', '\u201D' -> b.append('"');
                case '\u00AE', '\u2122', '\u00A9' -> {
                }
                default -> b.append(c);
            }
        }
        return b.toString().strip();
    }

    static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** A bare restriction with no license named: "non-commercial use only", "for research purposes only". */
    static boolean bareRestriction(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace("non-commercial", "noncommercial").replace("non commercial", "noncommercial");
        String[] words = s.split("[^a-z]+");
        boolean restricting = false;
        int count = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            count++;
            if (!RESTRICTION_WORDS.contains(w)) {
                return false;
            }
            restricting |= RESTRICTING.contains(w);
        }
        boolean notCommercial = s.matches(".*\\b(not|no)\\b.*\\bcommercial\\b.*");
        return count > 0 && (restricting || notCommercial);
    }

    /**
     * Applies the rules to ASCII text that did not resolve exactly.
     *
     * @param exact resolves a part exactly (no rules), empty when it cannot
     * @param restriction the license that stands for a bare restriction
     */
    static Optional<ResolvedLicense> read(String text, Function<String, Optional<ResolvedLicense>> exact, ResolvedLicense restriction) {
        if (bareRestriction(text)) {
            return Optional.of(restriction);
        }
        Optional<ResolvedLicense> part = withRemark(text, exact, restriction);
        if (part.isPresent()) {
            return part;
        }
        String[] ands = AND_WORDS.split(text);
        if (ands.length > 1) {
            return all(ands, p -> part(p, exact, restriction)).map(LicenseResolver::and);
        }
        String[] list = LIST.split(text);
        if (list.length > 1) {
            Optional<List<ResolvedLicense>> parts = all(list, p -> part(p, exact, restriction));
            if (parts.isPresent() && parts.get().stream().map(ResolvedLicense::category).distinct().count() == 1) {
                return Optional.of(LicenseResolver.and(parts.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ResolvedLicense> part(String p, Function<String, Optional<ResolvedLicense>> exact, ResolvedLicense restriction) {
        Optional<ResolvedLicense> r = exact.apply(p.strip());
        if (r.isPresent()) {
            return r;
        }
        if (bareRestriction(p)) {
            return Optional.of(restriction);
        }
        return withRemark(p, exact, restriction);
    }

    private static Optional<ResolvedLicense> withRemark(String text, Function<String, Optional<ResolvedLicense>> exact, ResolvedLicense restriction) {
        Matcher m = TRAILING_REMARK.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ResolvedLicense> rest = exact.apply(m.group(1).strip());
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String remark = m.group(2).strip();
        if (bareRestriction(remark)) {
            return Optional.of(LicenseResolver.and(List.of(rest.get(), restriction)));
        }
        Optional<ResolvedLicense> named = exact.apply(remark);
        if (named.isPresent()) {
            return Optional.of(LicenseResolver.and(List.of(rest.get(), named.get())));
        }
        boolean pointer = remark.matches("(?i)(see|cf\\.?|details (at|in)|at|from)\\b.*") || remark.matches("(?i)https?://\\S+");
        return pointer || !TERMS_WORDS.matcher(remark).find() ? rest : Optional.empty();
    }

    private static Optional<List<ResolvedLicense>> all(String[] parts, Function<String, Optional<ResolvedLicense>> resolve) {
        List<ResolvedLicense> out = new ArrayList<>();
        for (String p : parts) {
            if (p.isBlank()) {
                return Optional.empty();
            }
            Optional<ResolvedLicense> r = resolve.apply(p);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            out.add(r.get());
        }
        return Optional.of(out);
    }
}
