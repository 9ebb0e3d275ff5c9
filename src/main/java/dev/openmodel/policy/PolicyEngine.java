package dev.openmodel.policy;

import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.source.SourceFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a model's facts against a policy's rules; every failed rule is one violation. */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    public static PolicyDecision decide(ModelFacts facts, PolicyRules rules) {
        List<Violation> v = new ArrayList<>();
        licenses(facts, rules, v);
        openness(facts, rules, v);
        supplyChain(facts, rules, v);
        source(facts, rules, v);
        if (rules.requireConformance() && !facts.nonConformance().isEmpty()) {
            v.add(new Violation("conformance.required", "the pod template is not conformant: " + String.join("; ", facts.nonConformance())));
        }
        return new PolicyDecision(rules.name(), rules.enforce(), List.copyOf(v));
    }

    private static void licenses(ModelFacts facts, PolicyRules rules, List<Violation> v) {
        ResolvedLicense l = facts.license();
        String described = l.id() + " (" + l.category() + ")";
        Set<String> ids = new HashSet<>();
        ids.add(l.id().toLowerCase(Locale.ROOT));
        l.terms().forEach(t -> ids.add(t.toLowerCase(Locale.ROOT)));
        String category = l.category().id();
        boolean namedAllowed = ids.stream().anyMatch(rules.allowLicenses()::contains);
        if (ids.stream().anyMatch(rules.denyLicenses()::contains)) {
            v.add(new Violation("licenses.denyLicenses", "license " + described + " is denied by name"));
        } else if (rules.deny().contains(category) && !namedAllowed) {
            boolean byDefault = PolicyRules.REFUSED_BY_DEFAULT.contains(category) && !rules.name().equals("built-in")
                    && !rules.allow().contains(category);
            v.add(new Violation("licenses.deny", "license " + described + " is denied (" + category + ")"
                    + (byDefault ? ": " + String.join(", ", PolicyRules.REFUSED_BY_DEFAULT)
                            + " licenses are refused unless licenses.allow names the category or licenses.allowLicenses the license" : "")));
        } else if ((!rules.allow().isEmpty() || !rules.allowLicenses().isEmpty()) && !rules.allow().contains(category) && !namedAllowed) {
            List<String> allowed = new java.util.ArrayList<>(rules.allow());
            rules.allowLicenses().stream().filter(a -> !a.startsWith("licenseref-")).forEach(allowed::add);
            v.add(new Violation("licenses.allow", "license " + described + " is not among the allowed " + String.join(", ", allowed)));
        }
        if (rules.requireOsiApproved() && !l.osiApproved()) {
            v.add(new Violation("licenses.requireOsiApproved", "license " + l.id() + " is not OSI-approved"));
        }
        if (rules.requireCommercialUse() && !Boolean.TRUE.equals(l.commercialUse())) {
            v.add(new Violation("licenses.requireCommercialUse", "license " + l.id()
                    + (l.commercialUse() == null ? " does not say whether commercial use is allowed" : " does not allow commercial use")));
        }
        if (rules.requireAcceptedTerms()) {
            Set<String> accepted = new HashSet<>();
            facts.acceptedTerms().forEach(t -> accepted.add(t.strip().toLowerCase(Locale.ROOT)));
            List<String> open = l.terms().stream().filter(t -> !accepted.contains(t.toLowerCase(Locale.ROOT))).toList();
            if (!open.isEmpty()) {
                v.add(new Violation("licenses.requireAcceptedTerms", "license " + l.id() + " has restrictive terms that must be accepted "
                        + "explicitly (see status.license.restrictions); accept them with spec.license.acceptTerms: [" + String.join(", ", open) + "]"));
            }
        }
    }

    private static void openness(ModelFacts facts, PolicyRules rules, List<Violation> v) {
        var o = facts.openness();
        if (rules.minimumMofClass() != null && !o.meets(rules.minimumMofClass(), rules.acceptConditionalMofClass())) {
            var wanted = o.report(rules.minimumMofClass());
            String why;
            if (wanted != null && wanted.met()) {
                why = rules.minimumMofClass() + " is met only conditionally (" + String.join(", ", wanted.notTypeAppropriate())
                        + " under an open license not written for its content type) and this policy does not set openness.acceptConditionalMofClass";
            } else {
                why = "the model is " + o.mofClass() + ", below " + rules.minimumMofClass()
                        + (wanted == null || wanted.gaps().isEmpty() ? "" : " (" + String.join(", ", wanted.gaps()) + ")");
            }
            v.add(new Violation("openness.minimumMofClass", why));
        }
        if (rules.requireOsaid() && !o.osaid()) {
            v.add(new Violation("openness.requireOsaid", "the model does not fit the OSI Open Source AI Definition (it is " + o.verdict() + ")"));
        }
        if (rules.requireOpenWeights() && !o.openWeights()) {
            v.add(new Violation("openness.requireOpenWeights", "the final weights are not under an open license allowing any use ("
                    + o.verdict() + ")"));
        }
    }

    private static void supplyChain(ModelFacts facts, PolicyRules rules, List<Violation> v) {
        if (facts.uri() == null) {
            return; // a bare openness declaration: nothing is loaded, nothing to check
        }
        if (!rules.allowedFormats().contains(facts.format())) {
            v.add(new Violation("supplyChain.allowedFormats", "weights are " + facts.format()
                    + ("pytorch".equals(facts.format()) ? " (pickle files, which run code when loaded)" : "")
                    + "; allowed: " + String.join(", ", rules.allowedFormats())));
        }
        if (rules.requirePinnedRevision() && !pinned(facts)) {
            v.add(new Violation("supplyChain.requirePinnedRevision", facts.uri().startsWith("pvc://") || facts.uri().startsWith("s3://")
                    ? facts.uri() + " cannot be pinned to a revision"
                    : "spec.model.revision is not set, so " + facts.uri() + " can change under you"));
        }
        if (facts.trustRemoteCode() && !rules.allowTrustRemoteCode()) {
            v.add(new Violation("supplyChain.allowTrustRemoteCode", "spec.model.trustRemoteCode is true, which runs code from the model repository"));
        }
        if (rules.requireImageDigest() && (facts.image() == null || !facts.image().contains("@sha256:"))) {
            v.add(new Violation("supplyChain.requireImageDigest", "image " + facts.image() + " is not pinned by @sha256 digest"));
        }
        if (!rules.allowedSources().isEmpty() && rules.allowedSources().stream().noneMatch(p -> underPrefix(facts.uri(), p))) {
            v.add(new Violation("supplyChain.allowedSources", facts.uri() + " is not under " + String.join(", ", rules.allowedSources())));
        }
        if (facts.imageOverride()) {
            List<String> allowed = rules.allowedImages() == null ? List.of(facts.engineImageRepository()) : rules.allowedImages();
            if (allowed.stream().noneMatch(a -> imageAllowed(facts.image(), a))) {
                v.add(new Violation("supplyChain.allowedImages", "image " + facts.image() + " is not allowed"
                        + (rules.allowedImages() == null ? ": without supplyChain.allowedImages only the engine's own repository "
                                + facts.engineImageRepository() + " may be named" : "; allowed: " + String.join(", ", allowed))));
            }
        }
    }

    /** A prefix matches at whole path segments: hf://ibm-granite covers hf://ibm-granite/x, not hf://ibm-granite-x/y. */
    static boolean underPrefix(String uri, String prefix) {
        String p = prefix.strip();
        if (p.endsWith("/")) {
            return uri.startsWith(p);
        }
        return uri.equals(p) || uri.startsWith(p + "/");
    }

    /** An image reference allowed by an entry: a digest-pinned reference exactly, else a repository prefix at segment boundaries. */
    static boolean imageAllowed(String image, String entry) {
        String e = entry.strip();
        if (e.contains("@")) {
            return image.equals(e);
        }
        return image.equals(e) || image.startsWith(e.endsWith("/") ? e : e + "/") || image.startsWith(e + ":") || image.startsWith(e + "@");
    }

    private static boolean pinned(ModelFacts facts) {
        if (facts.uri().startsWith("oci://")) {
            return facts.uri().contains("@sha256:") || facts.revision() != null;
        }
        return facts.uri().startsWith("hf://") && facts.revision() != null;
    }

    /** What the model's source says, against what the spec declares. */
    private static void source(ModelFacts facts, PolicyRules rules, List<Violation> v) {
        SourceFacts src = facts.source();
        if (src == null || facts.uri() == null) {
            return;
        }
        if (!src.verified()) {
            if (rules.requireVerifiedSource()) {
                v.add(new Violation("supplyChain.requireVerifiedSource", facts.uri() + " could not be verified: " + src.reason()));
            }
            return;
        }
        if (src.licenseText() != null && !rules.allowSourceLicenseMismatch()) {
            ResolvedLicense stated = LicenseResolver.resolve(src.licenseText());
            ResolvedLicense declared = facts.license();
            if (!stated.id().equalsIgnoreCase(declared.id())) {
                v.add(new Violation("licenses.allowSourceMismatch", "the declaration says " + declared.id() + " (" + declared.category()
                        + ") but " + facts.uri() + " states " + src.licenseText() + (stated.known() ? " (" + stated.id() + ", " + stated.category() + ")"
                                : " (not recognised)")));
            }
        }
        if (!src.weightFormats().isEmpty()) {
            String declared = "pytorch".equals(facts.format()) ? "pickle" : facts.format();
            if (!src.weightFormats().contains(declared)) {
                boolean onlyPickle = src.weightFormats().equals(java.util.Set.of("pickle"));
                if (onlyPickle && !rules.allowedFormats().contains("pytorch")) {
                    v.add(new Violation("supplyChain.allowedFormats", "declared " + facts.format() + ", but " + facts.uri()
                            + " ships only pickle weights (.bin, .pt, .pth, .pkl, .ckpt), which run code when loaded"));
                } else {
                    v.add(new Violation("source.format", "declared " + facts.format() + ", but " + facts.uri() + " has no " + declared
                            + " weights (it has " + String.join(", ", src.weightFormats()) + "); spec.model.format must name what is there"));
                }
            }
        }
        if (src.remoteCode() && !facts.trustRemoteCode()) {
            v.add(new Violation("source.remoteCode", "the config of " + facts.uri() + " has auto_map (custom modelling code): the engine cannot "
                    + "load it without spec.model.trustRemoteCode, which runs that code and needs supplyChain.allowTrustRemoteCode"));
        }
        if (src.gated() != null && !facts.hasCredentials()) {
            v.add(new Violation("source.gated", facts.uri() + " is gated (" + src.gated() + "): downloads need spec.model.credentialsSecretRef, "
                    + "a token of an account that accepted its terms"));
        }
    }
}
