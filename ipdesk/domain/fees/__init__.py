"""Annual fees of patents (年费): fee tables as data, due dates, reductions, late bands, lapse, payments."""
