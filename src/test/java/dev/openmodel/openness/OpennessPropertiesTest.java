package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OpennessPropertiesTest {
    private static final List<String> LICENSES = List.of("Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-NC-4.0", "llama3.1", "OpenMDW-1.0",
            "ODC-By-1.0", "GPL-3.0-only", "gemma", "unknown", "CC0-1.0", "CC-BY-SA-4.0");

    @Provide
    Arbitrary<DeclaredComponent> component() {
        return Combinators.combine(Arbitraries.of(MofComponent.class), Arbitraries.of(LICENSES)).as(DeclaredComponent::new);
    }

    @Provide
    Arbitrary<DeclaredComponent> openComponent() {
        return Combinators.combine(Arbitraries.of(MofComponent.class), Arbitraries.of("Apache-2.0", "MIT", "OpenMDW-1.0"))
                .as(DeclaredComponent::new);
    }

    @Property(tries = 500)
    void addingAnOpenComponentNeverLowersTheClass(@ForAll List<@net.jqwik.api.From("component") DeclaredComponent> release,
            @ForAll("openComponent") DeclaredComponent added, @ForAll("license") String declared) {
        ResolvedLicense license = LicenseResolver.resolve(declared);
        OpennessAssessment before = OpennessClassifier.assess(release, license);
        List<DeclaredComponent> more = new ArrayList<>(release);
        // The added component is released openly; replace any earlier declaration of it.
        more.removeIf(c -> c.component() == added.component());
        more.add(added);
        boolean replacedAnOpenOne = release.stream().anyMatch(c -> c.component() == added.component()
                && OpennessClassifier.suits(c.component(), LicenseResolver.resolve(c.license()))
                && !OpennessClassifier.suits(added.component(), LicenseResolver.resolve(added.license())));
        OpennessAssessment after = OpennessClassifier.assess(more, license);
        if (!replacedAnOpenOne) {
            assertThat(after.rank()).as("class after adding %s", added).isLessThanOrEqualTo(before.rank());
        }
    }

    @Provide
    Arbitrary<String> license() {
        return Arbitraries.of(LICENSES);
    }

    @Property(tries = 500)
    void classifierNeverThrowsOnArbitraryDeclarations(@ForAll List<@net.jqwik.api.constraints.WithNull String> names,
            @ForAll List<@net.jqwik.api.constraints.WithNull String> licenses, @ForAll @net.jqwik.api.constraints.WithNull String declared) {
        List<DeclaredComponent> components = new ArrayList<>();
        for (int i = 0; i < Math.min(names.size(), licenses.size()); i++) {
            components.add(new DeclaredComponent(MofComponent.fromName(names.get(i)).orElse(null), licenses.get(i)));
        }
        OpennessAssessment a = OpennessClassifier.assess(components, LicenseResolver.resolve(declared));
        assertThat(a.mofClass()).isIn("ClassI", "ClassII", "ClassIII", "Unclassified");
    }

    @Property(tries = 2000)
    void licenseResolverNeverThrowsOnArbitraryText(@ForAll String text) {
        ResolvedLicense r = LicenseResolver.resolve(text);
        assertThat(r.category()).isNotNull();
        assertThat(r.id()).isNotNull();
    }

    @Property(tries = 1000)
    void licenseResolverNeverThrowsOnExpressionLikeText(@ForAll("expressions") String text) {
        assertThat(LicenseResolver.resolve(text).category()).isNotNull();
    }

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> atoms = Arbitraries.of("MIT", "Apache-2.0", "llama3.1", "LicenseRef-x", "GPL-2.0+", "(", ")", "AND", "OR", "WITH",
                "Classpath-exception-2.0", "openrail++", "cc-by-nc-4.0", "Foo");
        return atoms.list().ofMinSize(1).ofMaxSize(7).map(l -> String.join(" ", l));
    }
}
