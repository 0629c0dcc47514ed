package io.aleph4j.api.compatibility;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.filter.AnnotationBehaviorFilter;
import japicmp.filter.AnnotationClassFilter;
import japicmp.filter.AnnotationFieldFilter;
import japicmp.filter.JavadocLikePackageFilter;
import japicmp.model.AccessModifier;
import japicmp.model.JApiChangeStatus;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibilityChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * plugin-api's compatibility rules, checked with japicmp on two jars of it. The stable API is every public and
 * protected element outside {@code io.aleph4j.api.incubating} and not marked {@code @Experimental}. Versions follow
 * semantic versioning with the 0.x convention: below 1.0 a minor version may break the previous one, a patch may
 * not; from 1.0 a major version may, a minor may not.
 */
final class ApiCompatibility {

    static final String INCUBATING = "io.aleph4j.api.incubating";
    static final String EXPERIMENTAL = "@io.aleph4j.api.Experimental";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** One stable type that changed, and how. */
    record Change(String type, JApiChangeStatus status, boolean binaryCompatible, boolean sourceCompatible,
                  List<String> incompatibilities) {

        boolean isCompatible() {
            return binaryCompatible && sourceCompatible;
        }

        @Override
        public String toString() {
            return type + " " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + (isCompatible() ? " (compatible)" : " INCOMPATIBLE " + incompatibilities);
        }
    }

    private ApiCompatibility() {
    }

    /** Every stable type that differs between the two jars. */
    static List<Change> changes(Path older, Path newer) {
        JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
        options.setAccessModifier(AccessModifier.PROTECTED);
        options.getFilters().getExcludes().add(new JavadocLikePackageFilter(INCUBATING, false));
        options.getFilters().getExcludes().add(new AnnotationClassFilter(EXPERIMENTAL));
        options.getFilters().getExcludes().add(new AnnotationBehaviorFilter(EXPERIMENTAL));
        options.getFilters().getExcludes().add(new AnnotationFieldFilter(EXPERIMENTAL));
        List<JApiClass> classes = new JarArchiveComparator(options).compare(
                new JApiCmpArchive(older.toFile(), "old"), new JApiCmpArchive(newer.toFile(), "new"));
        List<Change> changes = new ArrayList<>();
        for (JApiClass type : classes) {
            if (type.getChangeStatus() == JApiChangeStatus.UNCHANGED) {
                continue;
            }
            List<String> incompatibilities = new ArrayList<>();
            collect(type.getCompatibilityChanges(), type.getFullyQualifiedName(), incompatibilities);
            type.getMethods().forEach(method -> collect(method.getCompatibilityChanges(),
                    type.getFullyQualifiedName() + "." + method.getName(), incompatibilities));
            type.getConstructors().forEach(constructor -> collect(constructor.getCompatibilityChanges(),
                    type.getFullyQualifiedName() + ".<init>", incompatibilities));
            type.getFields().forEach(field -> collect(field.getCompatibilityChanges(),
                    type.getFullyQualifiedName() + "." + field.getName(), incompatibilities));
            changes.add(new Change(type.getFullyQualifiedName(), type.getChangeStatus(), type.isBinaryCompatible(),
                    type.isSourceCompatible(), incompatibilities));
        }
        return changes;
    }

    private static void collect(List<JApiCompatibilityChange> changes, String where, List<String> into) {
        for (JApiCompatibilityChange change : changes) {
            if (!change.isBinaryCompatible() || !change.isSourceCompatible()) {
                into.add(where + ": " + change.getType());
            }
        }
    }

    /**
     * Whether {@code newer} may break {@code older}'s API: a new major version from 1.0, a new minor one below it.
     *
     * @throws IllegalArgumentException when a version is not {@code major.minor.patch}
     */
    static boolean mayBreak(String older, String newer) {
        int[] from = parse(older);
        int[] to = parse(newer);
        if (to[0] != from[0]) {
            return to[0] > from[0];
        }
        return to[0] == 0 && to[1] > from[1];
    }

    /** Orders versions. */
    static int compare(String left, String right) {
        int[] a = parse(left);
        int[] b = parse(right);
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static int[] parse(String version) {
        Matcher matcher = VERSION.matcher(Objects.requireNonNull(version, "version"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a major.minor.patch version");
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))};
    }
}
