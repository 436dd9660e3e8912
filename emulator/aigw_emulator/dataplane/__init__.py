"""The data plane: the gateway URL answered locally with the deployed settings' behaviour.

``traffic`` serves ``/v1/{account}/{gateway}/{provider}/...``; the stub upstream (``upstream``) stands in
for every provider; ``control`` is its part of the control API.
"""
