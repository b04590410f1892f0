"""xlir training recipe: cross-encoders on (code-switched) SQuAD pairs, exported to ONNX."""
