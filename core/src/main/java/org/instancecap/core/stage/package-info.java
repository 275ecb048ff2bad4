/**
 * Building stages from a {@link org.instancecap.core.spec.RunSpec}: one named provider interface per
 * stage, found with {@link java.util.ServiceLoader} in the modules that implement them and looked up
 * by {@link org.instancecap.core.stage.Providers}, and {@link org.instancecap.core.stage.Stages}, the
 * one factory that builds a run's stages and gives each worker thread what it may not share.
 */
package org.instancecap.core.stage;
