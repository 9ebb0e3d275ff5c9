package dev.openmodel.license;

import java.util.List;

/**
 * What a license string turned out to be.
 *
 * @param id canonical id or expression (SPDX ids, LicenseRef-&lt;catalog id&gt; for model licenses)
 * @param name human name, when known
 * @param category the category that governs use (for an expression: the choice or the combination)
 * @param osiApproved whether every license that must be complied with is OSI-approved
 * @param commercialUse true or false when the license says, null when unknown
 * @param terms catalog ids of restrictive terms a deployer must accept (for acceptTerms)
 * @param duties duties and restrictions, one human-readable line each
 * @param how how the string was recognised: spdx, catalog, hugging-face, free-text, or unresolved
 */
public record ResolvedLicense(String id, String name, LicenseCategory category, boolean osiApproved, Boolean commercialUse,
        List<String> terms, List<String> duties, String how) {

    public boolean known() {
        return category != LicenseCategory.UNKNOWN;
    }

    static ResolvedLicense unknown(String input) {
        String id = input == null || input.isBlank() ? "NOASSERTION" : dev.openmodel.text.Escape.text(input.strip(), 200);
        return new ResolvedLicense(id, null, LicenseCategory.UNKNOWN, false, null, List.of(),
                List.of("license not recognised: review its terms by hand"), "unresolved");
    }
}
