/**
 * Datasets for training loaders, made from a caption run's JSON Lines (which stay the truth a rerun
 * resumes from): {@link org.instancecap.formats.DatasetExport} writes Parquet parts or webdataset
 * shards, each complete or absent, with {@code index.json} (what a rerun goes on from),
 * {@code errors.jsonl} and a dataset card. Parquet is written through parquet-hadoop with no Hadoop
 * jar at run time ({@link org.instancecap.formats.SnappyCodecs}).
 */
package org.instancecap.formats;
