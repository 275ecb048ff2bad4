package org.instancecap.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One record on its way into a dataset file.
 *
 * @param key      the sample's name in the dataset: its number, zero-padded, so names sort in export order
 * @param line     its line in the source JSON Lines (from 1)
 * @param json     the record as the source has it
 * @param row      the record as a typed row
 * @param video    the video file, for formats that carry it; null otherwise
 */
record Sample(String key, long line, ObjectNode json, DatasetRecord row, Path video) {
}
