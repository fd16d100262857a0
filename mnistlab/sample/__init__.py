"""The bundled real sample (MNIST and Fashion-MNIST subsets as IDX .gz files) and the script that builds it.

See README.md in this folder for provenance and licences. ``mnistlab.data`` reads these files when neither
the cache nor the network can provide the full datasets.
"""
