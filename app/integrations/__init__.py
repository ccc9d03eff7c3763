"""Adapters between app/ ORM rows and the pure packages matching/ and royalties/."""
