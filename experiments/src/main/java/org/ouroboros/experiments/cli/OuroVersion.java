package org.ouroboros.experiments.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ouro --version}: the build's version plus the Java runtime. */
final class OuroVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Ouro.class.getPackage().getImplementationVersion();
        return new String[] {
            "ouro " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
