# There is always something to say. Very good! (e.g., this is good)
# The centre issue is that everything is going to the center.

