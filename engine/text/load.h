/*
 * load.h - turning input bytes into a document (internal).
 *
 * load.c reads and checks the bytes and picks the format; each format has
 * one parser that fills doc->text, doc->map and doc->blocks.
 */
#ifndef AM_TEXT_LOAD_H
#define AM_TEXT_LOAD_H

#include "../core/model.h"

/* Plain text: doc->text is doc->src; paragraphs at blank lines; the first
 * line is the title when it stands alone. */
int am_parse_text(am_document *doc);
/* Markdown: markup stripped into doc->text, offsets kept in doc->map. */
int am_parse_markdown(am_document *doc);
/* HTML through libxml2: title, headings, paragraphs, block quotes, list
 * items; scripts and styles dropped. */
int am_parse_html(am_document *doc);

/* Split text[start, end) into paragraphs at blank lines, adding blocks of
 * `kind` with their spans trimmed of white space. */
int am_doc_add_paragraphs(am_document *doc, size_t start, size_t end, am_block_kind kind);
/* Add one block with the span trimmed; empty spans are skipped. */
int am_doc_add_block(am_document *doc, size_t start, size_t end, am_block_kind kind);

#endif
