/**
 * Body pose of person instances: MoveNet SinglePose Lightning on a square crop around each person's
 * box, keypoints mapped back to frame pixels. Not yet wired into the captions.
 */
package org.instancecap.vision.pose;
