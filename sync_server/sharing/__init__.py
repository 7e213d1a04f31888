"""The data-sharing agreement: which fields of a person partners other than the owner receive."""
