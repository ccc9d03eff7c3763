# Mirrors `make run` for production: install (torch CPU first), compile translations, migrate, serve.
# Production never loads the demo (`flask demo load` refuses, and the app will not start beside demo accounts).
# Run with DATABASE_URL pointing at PostgreSQL, e.g.
#   docker run -e DATABASE_URL=postgresql+psycopg://postgres@db:5432/ole -e SECRET_KEY=... -p 5000:5000 ole
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    FLASK_APP=app:create_app HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false \
    OLE_ENV=production PORT=5000

WORKDIR /srv/ole
# A CPU build of torch 2.13.0 first, so sentence-transformers does not pull CUDA packages.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY app ./app
COPY matching ./matching
COPY royalties ./royalties
COPY migrations ./migrations
COPY data ./data
RUN pip install -e . && pybabel compile -d app/translations

EXPOSE 5000
CMD flask db upgrade \
    && exec gunicorn --bind 0.0.0.0:$PORT --workers 2 --timeout 120 "app:create_app()"
