package dev.openmodel.license;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spdx.core.DefaultModelStore;
import org.spdx.library.LicenseInfoFactory;
import org.spdx.library.ListedLicenses;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.ConjunctiveLicenseSet;
import org.spdx.library.model.v2.license.DisjunctiveLicenseSet;
import org.spdx.library.model.v2.license.ExtractedLicenseInfo;
import org.spdx.library.model.v2.license.OrLaterOperator;
import org.spdx.library.model.v2.license.SpdxListedLicense;
import org.spdx.library.model.v2.license.WithExceptionOperator;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * Resolves a license as an OpenModel declares it (SPDX id or expression, Hugging Face id,
 * LicenseRef, or free text) to what it allows. Expressions are parsed by the SPDX library;
 * results are cached per distinct input, since clusters see the same few licenses over and over.
 */
public final class LicenseResolver {
    private static final Pattern OPERATORS = Pattern.compile("(?i)\\s(AND|OR|WITH)\\s|[()]");
    private static final Map<String, ResolvedLicense> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;
    private static volatile boolean spdxReady;

    /** Longer or deeper license strings are not read: no real license needs them, and parsers have stacks. */
    static final int MAX_LENGTH = 1000;
    static final int MAX_NESTING = 10;

    private LicenseResolver() {
    }

    private static int nesting(String input) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }

    /** Resolves {@code spec.license}: its id, and its name when the id is 'other' or absent. */
    public static ResolvedLicense resolve(String id, String name) {
        if (id == null || id.isBlank() || id.strip().equalsIgnoreCase("other")) {
            return name == null || name.isBlank() ? ResolvedLicense.unknown(id) : resolve(name);
        }
        return resolve(id);
    }

    /** Resolves one license string. Never throws: what it cannot read is unknown. */
    public static ResolvedLicense resolve(String text) {
        if (text == null || text.isBlank()) {
            return ResolvedLicense.unknown(text);
        }
        String input = text.strip();
        ResolvedLicense cached = CACHE.get(input);
        if (cached != null) {
            return cached;
        }
        ResolvedLicense resolved;
        try {
            resolved = input.length() > MAX_LENGTH || nesting(input) > MAX_NESTING ? ResolvedLicense.unknown(input) : resolveUncached(input);
        } catch (RuntimeException | StackOverflowError e) {
            resolved = ResolvedLicense.unknown(input);
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(input, resolved);
        }
        return resolved;
    }

    private static ResolvedLicense resolveUncached(String input) {
        if (!LicenseText.readable(input)) {
            return ResolvedLicense.unknown(input); // control, invisible or look-alike characters: never folded into a known id
        }
        String text = LicenseText.plain(input);
        if (!LicenseText.ascii(text)) {
            // CJK names match catalog names exactly; folding would drop the characters that carry the meaning.
            LicenseCatalog.ModelLicense named = LicenseCatalog.get().byExactName(text);
            return named == null ? ResolvedLicense.unknown(input) : ofModel(named, "catalog");
        }
        return exact(text).or(() -> LicenseText.read(text, LicenseResolver::exact, restriction()))
                .orElseGet(() -> ResolvedLicense.unknown(input));
    }

    /** Ids, Hugging Face ids, SPDX expressions and catalogued names (after normalisation); empty when none matches exactly. */
    private static Optional<ResolvedLicense> exact(String input) {
        if (input.isBlank() || input.equalsIgnoreCase("unknown") || input.equalsIgnoreCase("NOASSERTION") || input.equalsIgnoreCase("other")) {
            return Optional.empty();
        }
        LicenseCatalog catalog = LicenseCatalog.get();
        LicenseCatalog.ModelLicense model = catalog.model(input);
        if (model != null) {
            return Optional.of(ofModel(model, input.toLowerCase(Locale.ROOT).startsWith("licenseref-") ? "catalog" : "hugging-face"));
        }
        String alias = catalog.spdxAlias(input);
        if (alias != null) {
            return Optional.of(ofSpdx(alias, "hugging-face"));
        }
        SpdxLicenseList.Entry listed = SpdxLicenseList.get().find(input);
        if (listed != null) {
            return Optional.of(ofSpdx(listed.id(), input.equals(listed.id()) ? "spdx" : "hugging-face"));
        }
        if (OPERATORS.matcher(input).find()) {
            ResolvedLicense r = ofExpression(input);
            return r.known() ? Optional.of(r) : Optional.empty();
        }
        LicenseCatalog.Target target = catalog.byText(input);
        if (target != null) {
            return Optional.of(target.spdx() ? ofSpdx(target.id(), "free-text") : ofModel(catalog.model(target.id()), "free-text"));
        }
        LicenseCatalog.Family family = catalog.family(input);
        if (family != null) {
            return Optional.of(ofFamily(family));
        }
        return Optional.empty();
    }

    /** What a restriction stated without a license name ("research purposes only") stands for. */
    private static ResolvedLicense restriction() {
        return ofModel(LicenseCatalog.get().model(LicenseCatalog.BARE_RESTRICTION), "free-text");
    }

    /** A license family named without its version, when every version has the same category ("CC BY-NC"). */
    private static ResolvedLicense ofFamily(LicenseCatalog.Family family) {
        ResolvedLicense first = ofSpdx(family.members().get(0), "version-less");
        boolean osi = family.members().stream().allMatch(id -> SpdxLicenseList.get().find(id).osiApproved());
        List<String> duties = new ArrayList<>(first.duties());
        duties.add("the version is not stated: " + String.join(", ", family.members()) + " all read the same here");
        return new ResolvedLicense(family.name(), family.name() + " (version not stated)", first.category(), osi, first.commercialUse(),
                first.terms(), List.copyOf(duties), "version-less");
    }

    /** Every license applies: the most restrictive governs, duties add up. */
    static ResolvedLicense and(List<ResolvedLicense> all) {
        List<ResolvedLicense> parts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        all.stream().filter(r -> seen.add(r.id())).forEach(parts::add); // "MIT (MIT)" is MIT once
        if (parts.size() == 1) {
            return parts.get(0);
        }
        LicenseCategory category = LicenseCategory.PERMISSIVE;
        boolean osi = true;
        Boolean commercial = Boolean.TRUE;
        Set<String> terms = new LinkedHashSet<>();
        Set<String> duties = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        for (ResolvedLicense r : parts) {
            category = r.category().ordinal() > category.ordinal() ? r.category() : category;
            osi &= r.osiApproved();
            commercial = Boolean.FALSE.equals(commercial) || Boolean.FALSE.equals(r.commercialUse()) ? Boolean.FALSE
                    : commercial == null || r.commercialUse() == null ? null : Boolean.TRUE;
            terms.addAll(r.terms());
            duties.addAll(r.duties());
            ids.add(r.id().contains(" ") ? "(" + r.id() + ")" : r.id());
        }
        String how = parts.stream().map(ResolvedLicense::how).allMatch("spdx"::equals) ? "spdx" : "free-text";
        return new ResolvedLicense(String.join(" AND ", ids), null, category, osi, commercial, List.copyOf(terms), List.copyOf(duties), how);
    }

    static ResolvedLicense ofSpdx(String spdxId, String how) {
        SpdxLicenseList.Entry e = SpdxLicenseList.get().find(spdxId);
        LicenseCategory category = LicenseCatalog.get().spdxCategory(e.id());
        List<String> duties = new ArrayList<>();
        switch (category) {
            case PERMISSIVE, OPEN_MODEL -> duties.add("keep the license and copyright notices");
            case COPYLEFT -> duties.add("share-alike: derivatives must be shared under the same license");
            case NON_COMMERCIAL -> duties.add("non-commercial use only");
            case USE_RESTRICTED -> {
            }
            default -> duties.add("license not classified by OpenModel: review its terms by hand");
        }
        duties.addAll(LicenseCatalog.get().spdxDuties(e.id()));
        Boolean commercial = switch (category) {
            case PERMISSIVE, OPEN_MODEL, COPYLEFT, USE_RESTRICTED -> true;
            case NON_COMMERCIAL, PROPRIETARY -> false;
            case UNKNOWN -> null;
        };
        return new ResolvedLicense(e.id(), e.name(), category, e.osiApproved(), commercial, List.of(), List.copyOf(duties), how);
    }

    static ResolvedLicense ofModel(LicenseCatalog.ModelLicense m, String how) {
        List<String> duties = new ArrayList<>();
        if (!m.commercialUse()) {
            duties.add("non-commercial use only");
        }
        if (m.userLimit() != null) {
            duties.add("more than " + NumberFormat.getIntegerInstance(Locale.ROOT).format(m.userLimit())
                    + " monthly active users need a separate license");
        }
        if (m.usePolicy() != null) {
            duties.add("use policy applies: " + m.usePolicy());
        }
        if (m.attribution()) {
            duties.add("attribution notice required");
        }
        if (m.derivativeNaming()) {
            duties.add("derived models must carry the original model's name");
        }
        if (m.passThrough()) {
            duties.add("redistribution must pass these terms on");
        }
        if (m.notes() != null) {
            duties.addAll(m.notes());
        }
        LicenseCategory category = m.licenseCategory();
        boolean needsAcceptance = category == LicenseCategory.USE_RESTRICTED || category == LicenseCategory.NON_COMMERCIAL
                || m.userLimit() != null || m.usePolicy() != null;
        return new ResolvedLicense(m.ref(), m.name(), category, false, m.commercialUse(), needsAcceptance ? List.of(m.id()) : List.of(),
                List.copyOf(duties), how);
    }

    private static ResolvedLicense ofExpression(String input) {
        AnyLicenseInfo parsed;
        synchronized (LicenseResolver.class) {
            initSpdx();
            try {
                parsed = LicenseInfoFactory.parseSPDXLicenseStringCompatV2(withRefs(input));
            } catch (Exception e) {
                return ResolvedLicense.unknown(input);
            }
        }
        ResolvedLicense r = evaluate(parsed);
        return new ResolvedLicense(parsed.toString(), r.name(), r.category(), r.osiApproved(), r.commercialUse(), r.terms(), r.duties(),
                r.known() ? "spdx" : "unresolved");
    }

    /** Model-license ids inside an expression ("llama3.1 OR MIT") become LicenseRefs the parser accepts. */
    private static String withRefs(String input) {
        Matcher m = Pattern.compile("[A-Za-z0-9.+-]+").matcher(input);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            LicenseCatalog.ModelLicense model = LicenseCatalog.get().model(token);
            String alias = LicenseCatalog.get().spdxAlias(token);
            String replacement = model != null ? model.ref() : alias != null ? alias : token;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ResolvedLicense evaluate(AnyLicenseInfo node) {
        try {
            if (node instanceof DisjunctiveLicenseSet or) {
                // The licensee may pick any alternative: the most permissive one governs.
                ResolvedLicense best = null;
                for (AnyLicenseInfo member : or.getMembers()) {
                    ResolvedLicense r = evaluate(member);
                    if (best == null || better(r, best)) {
                        best = r;
                    }
                }
                return best;
            }
            if (node instanceof ConjunctiveLicenseSet and) {
                List<ResolvedLicense> parts = new ArrayList<>();
                for (AnyLicenseInfo member : and.getMembers()) {
                    parts.add(evaluate(member));
                }
                ResolvedLicense r = and(parts);
                return new ResolvedLicense(and.toString(), null, r.category(), r.osiApproved(), r.commercialUse(), r.terms(), r.duties(), "spdx");
            }
            if (node instanceof WithExceptionOperator with) {
                // Exceptions on the SPDX list all grant extra permissions; one that is not listed may take rights away.
                String exception = with.getException() == null ? null : with.getException().getId();
                if (exception == null || !ListedLicenses.getListedLicenses().isSpdxListedExceptionId(exception)) {
                    return ResolvedLicense.unknown(node.toString());
                }
                ResolvedLicense base = evaluate(with.getLicense());
                List<String> duties = new ArrayList<>(base.duties());
                duties.add("with exception " + with.getException().getId());
                return new ResolvedLicense(with.toString(), base.name(), base.category(), base.osiApproved(), base.commercialUse(),
                        base.terms(), List.copyOf(duties), "spdx");
            }
            if (node instanceof OrLaterOperator later) {
                return evaluate(later.getLicense());
            }
            if (node instanceof SpdxListedLicense listed) {
                String alias = LicenseCatalog.get().spdxAlias(listed.getLicenseId());
                return ofSpdx(alias != null ? alias : listed.getLicenseId(), "spdx");
            }
            if (node instanceof ExtractedLicenseInfo ref) {
                LicenseCatalog.ModelLicense model = LicenseCatalog.get().model(ref.getLicenseId());
                return model != null ? ofModel(model, "catalog") : ResolvedLicense.unknown(ref.getLicenseId());
            }
            return ResolvedLicense.unknown(node.toString());
        } catch (Exception e) {
            return ResolvedLicense.unknown(String.valueOf(node));
        }
    }

    private static boolean better(ResolvedLicense a, ResolvedLicense b) {
        if (a.category() != b.category()) {
            return a.category().ordinal() < b.category().ordinal();
        }
        return a.osiApproved() && !b.osiApproved();
    }

    /**
     * Loads the SPDX library's license list on a background thread (about half a second), so a
     * short-lived command overlaps it with reading its input. Expressions wait for it.
     */
    public static void prepareInBackground() {
        Thread warm = new Thread(() -> {
            synchronized (LicenseResolver.class) {
                initSpdx();
                ListedLicenses.getListedLicenses();
            }
        }, "spdx-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private static void initSpdx() {
        if (!spdxReady) {
            // Offline: the license list bundled in the library jar, never spdx.org. The first is
            // the property this library version reads; the second its older name.
            System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
            System.setProperty("SPDXParser.OnlyUseLocalLicenses", "true");
            SpdxModelFactory.init();
            DefaultModelStore.initialize(new InMemSpdxStore(), "https://openmodel.dev/spdx", new ModelCopyManager());
            spdxReady = true;
        }
    }
}
