"""Importing existing theses (Word, web copies) into luanan projects."""
